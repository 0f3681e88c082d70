using System.Globalization;
using System.Text.Json;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace ErpSimulator;

/// <summary>
/// The commands the ERP puts in a gateway's downlink log, built the way a real ERP would: task releases as the
/// contract's <c>TaskRelease</c> in protobuf's JSON mapping (with the item data: GTINs, batch, allowed
/// alternatives), holds as their JSON document. Used by the simulator's verbs and by tests that drive a real agent.
/// </summary>
public static class ErpCommands
{
    /// <summary>The GTIN-14 the simulated item master gives an SKU number (company prefix 0614141).</summary>
    public static string GtinFor(int skuNumber)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"00614141{skuNumber % 100_000:D5}");
        return body + CheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One task of a wave, with its item data: the SKU's GTIN and the next SKU as an allowed alternative.</summary>
    public static TaskRelease WaveTask(string taskId, string orderId, int skuNumber, string location, int quantity, int priority, DateTimeOffset dueAt)
    {
        var alternative = (skuNumber + 1) % 500;
        return new TaskRelease
        {
            TaskId = taskId,
            OrderId = orderId,
            Sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{skuNumber:D4}"),
            Location = location,
            Quantity = quantity,
            Priority = priority,
            DueAt = Timestamp.FromDateTimeOffset(dueAt),
            Gtins = { GtinFor(skuNumber) },
            Alternatives = { new ItemAlternative { Sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{alternative:D4}"), Gtins = { GtinFor(alternative) } } },
        };
    }

    public static AppendCommandRequest Release(string gateway, TaskRelease task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Command(gateway, task.TaskId, CommandKind.TaskRelease, ByteString.CopyFromUtf8(JsonFormatter.Default.Format(task)));
    }

    /// <summary>Puts an order on hold (or releases it), as approved at central by <paramref name="approvedBy"/> with central's <paramref name="confidence"/>.</summary>
    public static AppendCommandRequest Hold(string gateway, string commandId, string orderId, bool hold, string reason, string? approvedBy = null, double? confidence = null) =>
        Command(gateway, commandId, CommandKind.Hold, ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(new { orderId, hold, reason, approvedBy, confidence })));

    public static AppendCommandRequest Command(string gateway, string commandId, CommandKind kind, ByteString payload) => new()
    {
        GatewayId = gateway,
        CommandId = commandId,
        Kind = kind,
        Payload = payload,
        TraceId = Guid.NewGuid().ToString("N"),
    };

    private static int CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (body[i] - '0') * ((body.Length - i) % 2 == 1 ? 3 : 1);
        }

        return (10 - (sum % 10)) % 10;
    }
}
