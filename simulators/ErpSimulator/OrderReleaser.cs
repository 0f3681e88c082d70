using System.Text.Json;
using CloudBridge.Contract.V1;
using Google.Protobuf;

namespace ErpSimulator;

/// <summary>Releases a wave of orders and their pick tasks to one gateway. Command ids are derived from the wave, so a re-run is idempotent.</summary>
internal sealed class OrderReleaser(ErpClient erp)
{
    public async Task<int> ReleaseAsync(SimulatorSettings settings, CancellationToken ct)
    {
        int appended = 0, duplicates = 0;
        for (int o = 1; o <= settings.Orders; o++)
        {
            var orderId = $"{settings.Wave}-SO{o:D5}";
            // Every fifth order is a rush (priority 1); cut-offs spread over the next two and a half hours.
            var priority = o % 5 == 0 ? 1 : 3;
            var dueAt = DateTimeOffset.UtcNow.AddMinutes(30 + (o % 120));
            var order = new { orderId, wave = settings.Wave, priority, dueAt, lines = settings.TasksPerOrder };
            (appended, duplicates) = Count(await AppendAsync(settings.Gateway, orderId, CommandKind.OrderRelease, order, ct), appended, duplicates);
            for (int t = 1; t <= settings.TasksPerOrder; t++)
            {
                var taskId = $"{orderId}-T{t}";
                var location = $"{(char)('A' + ((o + t) % 8))}-{1 + (((o * 3) + t) % 40):D2}-{1 + (t % 4)}";
                var task = ErpCommands.WaveTask(taskId, orderId, (o * 7 + t) % 500, location, 1 + (o + t) % 4, priority, dueAt);
                (appended, duplicates) = Count(await erp.Admin.AppendCommandAsync(ErpCommands.Release(settings.Gateway, task), erp.Headers, cancellationToken: ct), appended, duplicates);
            }
        }

        Console.WriteLine($"released wave {settings.Wave} to {settings.Gateway}: {appended} commands appended, {duplicates} already in the log");
        return 0;
    }

    private static (int, int) Count(AppendCommandReply reply, int appended, int duplicates) =>
        reply.Duplicate ? (appended, duplicates + 1) : (appended + 1, duplicates);

    /// <summary>Changes an order's priority (<c>expedite</c>) or puts it on hold or releases it (<c>hold</c>); a new command id each time.</summary>
    public async Task<int> InstructAsync(SimulatorSettings settings, CancellationToken ct)
    {
        if (settings.Order is not { Length: > 0 } orderId)
        {
            Console.Error.WriteLine($"{settings.Verb} needs --order ID");
            return 2;
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var reply = settings.Verb == "expedite"
            ? await AppendAsync(settings.Gateway, $"{orderId}-priority-{stamp}", CommandKind.PriorityChange, new { orderId, priority = settings.Priority }, ct)
            : await erp.Admin.AppendCommandAsync(ErpCommands.Hold(settings.Gateway, $"{orderId}-hold-{stamp}", orderId, !settings.Release, "ERP simulator", settings.ApprovedBy, settings.Confidence), erp.Headers, cancellationToken: ct);
        Console.WriteLine($"{settings.Verb} {orderId} appended at cursor {reply.Cursor}{(reply.Duplicate ? " (already in the log)" : "")}");
        return 0;
    }

    private async Task<AppendCommandReply> AppendAsync<T>(string gateway, string id, CommandKind kind, T body, CancellationToken ct) =>
        await erp.Admin.AppendCommandAsync(new AppendCommandRequest
        {
            GatewayId = gateway,
            CommandId = id,
            Kind = kind,
            Payload = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(body)),
            TraceId = Guid.NewGuid().ToString("N"),
        }, erp.Headers, cancellationToken: ct);
}
