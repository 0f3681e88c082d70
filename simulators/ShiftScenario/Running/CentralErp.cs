using System.Diagnostics;
using System.Globalization;
using CloudBridge.Contract.V1;
using CloudBridge.Downlink;
using CloudBridge.Ingress;
using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Storage;
using ErpSimulator;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// Central and its ERP for one run: the reference ingress on loopback (the agent's bridge connects to it uplink and
/// follows its downlink command log) and the ERP simulator's commands appended through central's admin API. Task
/// releases and cut-off changes reach the agent only this way; the runner then waits, in wall time with the shift
/// clock standing still, until the agent's downlink cursor has passed them, so the floor sees them at the same shift
/// moment in every run.
/// </summary>
internal sealed class CentralErp : IAsyncDisposable
{
    public const string Gateway = "gw1";
    public const string GatewayToken = "shift-gateway-token";
    private const string AdminToken = "shift-admin-token";
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(5);

    private readonly WebApplication _ingress;
    private readonly GrpcChannel _channel;
    private readonly CentralAdmin.CentralAdminClient _admin;
    private readonly Grpc.Core.Metadata _headers = new() { { "authorization", "Bearer " + AdminToken } };
    private ulong _last;

    private CentralErp(WebApplication ingress)
    {
        _ingress = ingress;
        Address = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{IngressApp.BoundPort(ingress)}");
        _channel = GrpcChannel.ForAddress(Address);
        _admin = new CentralAdmin.CentralAdminClient(_channel);
    }

    /// <summary>The ingress address the agent's bridge is configured with.</summary>
    public string Address { get; }

    public int TasksReleased { get; private set; }

    public int CutOffChanges { get; private set; }

    public static async Task<CentralErp> StartAsync(string dataDirectory, CancellationToken ct)
    {
        var ingress = IngressApp.Build(
        [
            "--Ingress:Port=0",
            $"--Ingress:DataDirectory={dataDirectory}",
            $"--Ingress:Gateways:{Gateway}:Token={GatewayToken}",
            $"--Ingress:AdminToken={AdminToken}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await ingress.StartAsync(ct);
        return new CentralErp(ingress);
    }

    /// <summary>One <c>TASK_RELEASE</c> per order line, with the cut-off central knows at this moment.</summary>
    public async Task ReleaseAsync(IEnumerable<OrderTruth> orders, Func<OrderTruth, TimeSpan> dueAt, DateTimeOffset shiftStart, CancellationToken ct)
    {
        foreach (var order in orders)
        {
            foreach (var line in order.Lines)
            {
                var task = new TaskRelease
                {
                    TaskId = line.TaskId,
                    OrderId = order.Id,
                    Sku = line.Sku,
                    Location = line.Location,
                    Quantity = line.Qty,
                    DueAt = Timestamp.FromDateTimeOffset(shiftStart + dueAt(order)),
                    Priority = order.Priority,
                    Handling = line.Handling,
                };
                if (line.Skill is { } skill)
                {
                    task.Skill = skill;
                }

                await AppendAsync(ErpCommands.Release(Gateway, task), ct);
                TasksReleased++;
            }
        }
    }

    /// <summary>A carrier moved its departure: a <c>PRIORITY_CHANGE</c> carrying the order's new cut-off (its priority unchanged).</summary>
    public async Task ChangeCutOffAsync(OrderTruth order, DateTimeOffset newCutOff, string because, CancellationToken ct)
    {
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { orderId = order.Id, priority = order.Priority, dueAt = newCutOff });
        await AppendAsync(ErpCommands.Command(Gateway, $"cutoff:{because}:{order.Id}", CommandKind.PriorityChange, ByteString.CopyFrom(payload)), ct);
        CutOffChanges++;
    }

    /// <summary>
    /// Waits (wall time, the shift clock still) until the agent has applied every command appended so far; fails only
    /// when the cursor has not moved for <see cref="StallTimeout"/> (a loaded machine applies slowly, not never).
    /// </summary>
    public async Task WaitAppliedAsync(DurableStore store, CancellationToken ct)
    {
        var stalled = Stopwatch.StartNew();
        var seen = store.Read(DownlinkCursor.Get);
        while (seen < (long)_last)
        {
            if (stalled.Elapsed > StallTimeout)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"the agent's downlink cursor stayed at {seen} of {_last} for {StallTimeout.TotalSeconds:0} s of wall time"));
            }

            await Task.Delay(2, ct);
            var now = store.Read(DownlinkCursor.Get);
            if (now != seen)
            {
                (seen, stalled) = (now, Stopwatch.StartNew());
            }
        }
    }

    private async Task AppendAsync(AppendCommandRequest request, CancellationToken ct)
    {
        var reply = await _admin.AppendCommandAsync(request, _headers, cancellationToken: ct);
        _last = Math.Max(_last, reply.Cursor);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _ingress.StopAsync();
        await _ingress.DisposeAsync();
    }
}
