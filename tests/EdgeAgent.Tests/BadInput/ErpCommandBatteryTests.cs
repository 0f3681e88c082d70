using System.Globalization;
using System.Text;
using System.Text.Json;
using CloudBridge.Contract.V1;
using CsCheck;
using Xunit.Abstractions;
using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using EdgeAgent.Tests.Fulfilment;
using EdgeAgent.Tests.Governance;
using Google.Protobuf;

namespace EdgeAgent.Tests.BadInput;

/// <summary>
/// The bad-input battery for the downlink: whatever central sends as a command (any kind, any payload bytes,
/// near-miss JSON with every field wrong), the handler never throws (a throw would stall the downlink behind
/// that command), and every command gets exactly one recorded answer: applied, or refused with a reason.
/// </summary>
public sealed class ErpCommandBatteryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Keys = ["taskId", "orderId", "sku", "location", "quantity", "dueAt", "zone", "priority", "handling", "skill", "hold", "reason", "lines", "wave", "TaskId", ""];

    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.Int[0, 6].Select(i => Quote(i == 0 ? "T-1" : i == 1 ? "SO-1" : i == 2 ? "A-01-1" : i == 3 ? "SKU-1" : i == 4 ? "2026-11-25T09:00:00Z" : i == 5 ? "" : "9999-99-99")),
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[-2, 8].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 9].Select(i => new[] { "true", "false", "null", "{}", "[]", "1e400", "1.5", "99999999999999999999", "\"x\"", "[1,2]" }[i]),
        Gen.String.Select(Quote),
        Gen.Int[0, 3000].Select(n => Quote(new string('z', n))),
        Gen.Int[1, 300].Select(d => new string('[', d) + new string(']', d)));

    private static readonly Gen<byte[]> Payloads = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.String.Select(s => Encoding.UTF8.GetBytes(s)),
        Gen.Select(Gen.Int[0, Keys.Length - 1], Values).Array[0, 9]
            .Select(fields => Encoding.UTF8.GetBytes("{" + string.Join(',', fields.Select(f => Quote(Keys[f.Item1]) + ":" + f.Item2)) + "}")));

    private static readonly Gen<CommandKind> Kinds = Gen.Int[0, 6].Select(i => (CommandKind)i);

    private readonly FloorFixture _floor = new("hh-1");
    private ErpCommandHandler _handler = null!;
    private GovernanceFixture _governance = null!;
    private int _next;

    public async Task InitializeAsync()
    {
        // The gate (holds from the ERP are governed) writes its decisions into the floor's own database.
        _governance = await GovernanceFixture.StartAsync();
        _handler = new ErpCommandHandler(_floor.Time, new AuditLog(_floor.Time), _governance.Gate);
    }

    public async Task DisposeAsync()
    {
        await _governance.DisposeAsync();
        _floor.Dispose();
    }

    [Fact]
    public void AnyCommand_IsAnsweredExactlyOnce_AndTheHandlerNeverThrows()
    {
        long cases = 0;
        Gen.Select(Kinds, Payloads).Sample(
            (kind, payload) =>
            {
                Interlocked.Increment(ref cases);
                var id = string.Create(CultureInfo.InvariantCulture, $"C-{Interlocked.Increment(ref _next)}");
                int tasksBefore = _floor.Floor.Tasks.Count();
                _handler.Apply(_floor.Db, new Command { CommandId = id, Kind = kind, Payload = ByteString.CopyFrom(payload) });

                var events = _floor.Floor.Events;
                int rejected = events.OfType<CommandRejected>().Count(e => e.CommandId == id);
                int notApplied = events.OfType<CommandNotApplied>().Count(e => e.CommandId == id);
                int applied = kind switch
                {
                    CommandKind.TaskRelease => _floor.Floor.Tasks.Count() - tasksBefore,
                    CommandKind.OrderRelease => events.OfType<OrderReleaseNoted>().Count(e => e.CommandId == id),
                    CommandKind.PriorityChange => events.OfType<OrderPriorityChanged>().Count(e => e.CommandId == id),
                    _ => -1, // holds are answered in the audit chain; other kinds with command.not-applied
                };
                if (applied >= 0)
                {
                    Assert.True(applied + rejected == 1, $"{kind} {id} ({Encoding.UTF8.GetString(payload)}): applied {applied}, rejected {rejected}");
                }
                else
                {
                    Assert.True(rejected + notApplied <= 1, $"{kind} {id}: {rejected} rejections, {notApplied} not-applied");
                }

                Assert.All(events.OfType<CommandRejected>().Where(e => e.CommandId == id), e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
                var link = AuditVerifier.Verify(_floor.Db);
                Assert.True(link.Intact, $"{kind} {id} ({Encoding.UTF8.GetString(payload)}) broke the audit chain at seq {link.BrokenAt}: {link.Problem}");
            },
            iter: int.TryParse(Environment.GetEnvironmentVariable("ERP_BATTERY_ITER"), out var n) ? n : 1_500,
            threads: 1);
        Report("ERP commands from central", cases);

        var chain = AuditVerifier.Verify(_floor.Db);
        Assert.True(chain.Intact, $"audit chain broken at seq {chain.BrokenAt}: {chain.Problem}");
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    /// <summary>The battery's count for bench/RESULTS.md: cases checked (a failing case fails the test).</summary>
    private void Report(string surface, long cases) => output.WriteLine($"battery {surface}: {cases} cases, 0 crashes, 0 hangs");
}
