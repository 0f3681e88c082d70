using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace ChaosRunner;

/// <summary>
/// The ERP, as the ERP simulator plays it: order releases with their pick tasks and priority changes, appended
/// to the gateway's downlink through central's admin API. A command counts as accepted only when central
/// answered the append (a retry after a lost answer is answered "duplicate", which also means it is in the log).
/// </summary>
internal sealed class ErpLoad(string address, string adminToken, string gateway, Random random, TextWriter journal) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(address);
    private readonly Metadata _headers = new() { { "authorization", "Bearer " + adminToken } };
    private readonly List<string> _orders = [];
    private int _order;
    private int _priorityChanges;

    /// <summary>Commands central acknowledged, by id, with their kind.</summary>
    public ConcurrentDictionary<string, CommandKind> Accepted { get; } = new();

    /// <summary>Each accepted command's position in central's command log (the downlink cursor the agent applies it at).</summary>
    public ConcurrentDictionary<string, long> Cursors { get; } = new();

    /// <summary>Task ids of acknowledged task releases.</summary>
    public ConcurrentDictionary<string, bool> ReleasedTasks { get; } = new();

    public int Refused { get; private set; }

    public int OrdersReleased => _orders.Count;

    public async Task RunAsync(TimeSpan every, int tasksPerOrder, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await ReleaseOrderAsync(tasksPerOrder, ct);
            if (_orders.Count > 2 && random.NextDouble() < 0.35)
            {
                await ChangePriorityAsync(ct);
            }

            await Task.Delay(every, ct);
        }
    }

    /// <summary>
    /// Appends one last priority change after the load: commands are applied in log order, so once central holds
    /// the agent's answer to it, every command before it has been applied too. Null when no order was released.
    /// </summary>
    public async Task<string?> MarkEndAsync(CancellationToken ct)
    {
        if (_orders.Count == 0)
        {
            return null;
        }

        var orderId = _orders[0];
        var id = $"{orderId}-priority-end";
        return await AppendUntilAnsweredAsync(id, CommandKind.PriorityChange, new { orderId, priority = 2 }, ct) ? id : null;
    }

    public void Dispose() => _channel.Dispose();

    private async Task ReleaseOrderAsync(int tasks, CancellationToken ct)
    {
        var o = ++_order;
        var orderId = string.Create(CultureInfo.InvariantCulture, $"CH-SO{o:D5}");
        var dueAt = DateTimeOffset.UtcNow.AddMinutes(30 + random.Next(120));
        var priority = random.Next(5) == 0 ? 1 : 3;
        if (!await AppendUntilAnsweredAsync(orderId, CommandKind.OrderRelease, new { orderId, wave = "CHAOS", priority, dueAt, lines = tasks }, ct))
        {
            return;
        }

        _orders.Add(orderId);
        for (int t = 1; t <= tasks; t++)
        {
            var taskId = string.Create(CultureInfo.InvariantCulture, $"{orderId}-T{t}");
            var location = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + random.Next(6))}-{1 + random.Next(30):D2}-{1 + random.Next(4)}");
            var task = new { taskId, orderId, sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{random.Next(500):D4}"), location, quantity = 1 + random.Next(4), priority, dueAt };
            if (await AppendUntilAnsweredAsync(taskId, CommandKind.TaskRelease, task, ct))
            {
                ReleasedTasks[taskId] = true;
            }
        }
    }

    private async Task ChangePriorityAsync(CancellationToken ct)
    {
        var orderId = _orders[random.Next(_orders.Count)];
        var id = string.Create(CultureInfo.InvariantCulture, $"{orderId}-priority-{++_priorityChanges}");
        await AppendUntilAnsweredAsync(id, CommandKind.PriorityChange, new { orderId, priority = 1 + random.Next(5) }, ct);
    }

    /// <summary>Appends with the same command id until central answers (it may be down for a while): true when in the log.</summary>
    private async Task<bool> AppendUntilAnsweredAsync<T>(string id, CommandKind kind, T body, CancellationToken ct)
    {
        var request = new AppendCommandRequest
        {
            GatewayId = gateway,
            CommandId = id,
            Kind = kind,
            Payload = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(body)),
            TraceId = Guid.NewGuid().ToString("N"),
        };
        var admin = new CentralAdmin.CentralAdminClient(_channel);
        while (true)
        {
            try
            {
                var reply = await admin.AppendCommandAsync(request, _headers, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
                Accepted[id] = kind;
                Cursors[id] = (long)reply.Cursor;
                lock (journal)
                {
                    journal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"erp-ack {kind} {id} cursor={reply.Cursor} duplicate={reply.Duplicate}"));
                }

                return true;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Cancelled && !ct.IsCancellationRequested)
            {
                Refused++;
                await Task.Delay(250, ct);
            }
        }
    }
}
