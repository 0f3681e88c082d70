using EdgeAgent.Events;
using CloudBridge.Uplink;
using EdgeAgent.Exceptions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Exceptions;

public sealed class BridgeWatcherTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private BridgeStatus _status = Status(connected: true, oldest: null);

    [Fact]
    public async Task CentralUnreachable_LongerThanTheLimit_RaisesAnException_AndReconnectClearsIt()
    {
        await using var fx = new TriageFixture();
        await using var watcher = Watcher(fx);
        await watcher.StartAsync(CancellationToken.None);
        _status = Status(connected: false, oldest: null);

        await PollAsync(fx, watcher, 6);
        Assert.Empty(fx.Events<BridgeUnreachable>());

        await PollAsync(fx, watcher, 1);
        Assert.Single(fx.Events<BridgeUnreachable>());
        Assert.Equal((ExceptionTypes.BridgeUnreachable, ExceptionStatus.Open, ExceptionSeverity.Critical), (fx.Single().Type, fx.Single().Status, fx.Single().Severity));

        await PollAsync(fx, watcher, 3);
        Assert.Single(fx.Events<BridgeUnreachable>());

        _status = Status(connected: true, oldest: TimeSpan.FromSeconds(2));
        await PollAsync(fx, watcher, 1);
        Assert.Single(fx.Events<BridgeRecovered>());
        Assert.Equal((ExceptionStatus.Resolved, ExceptionOptions.AutoCleared), (fx.Single().Status, fx.Single().ResolutionCode));
    }

    [Fact]
    public async Task OldestUnackedEvent_OlderThanTheLimit_RaisesWhileConnected()
    {
        await using var fx = new TriageFixture();
        await using var watcher = Watcher(fx);
        await watcher.StartAsync(CancellationToken.None);

        _status = Status(connected: true, oldest: TimeSpan.FromMinutes(6));
        await PollAsync(fx, watcher, 1);

        Assert.Contains("oldest unacknowledged business event is 360 s old", Assert.Single(fx.Events<BridgeUnreachable>()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaisedState_SurvivesARestart_SoRecoveryIsStillRecorded()
    {
        await using var fx = new TriageFixture();
        _status = Status(connected: true, oldest: TimeSpan.FromMinutes(6));
        await using (var before = Watcher(fx))
        {
            await before.StartAsync(CancellationToken.None);
            await PollAsync(fx, before, 1);
        }

        await fx.ReopenAsync();
        _status = Status(connected: true, oldest: null);
        await using var after = Watcher(fx);
        await after.StartAsync(CancellationToken.None);
        await PollAsync(fx, after, 1);

        Assert.Single(fx.Events<BridgeRecovered>());
        Assert.Equal(ExceptionStatus.Resolved, fx.Single().Status);
    }

    private BridgeWatcher Watcher(TriageFixture fx)
    {
        fx.Options.Bridge.PollInterval = Poll;
        fx.Options.Bridge.UnreachableAfter = TimeSpan.FromMinutes(1);
        fx.Options.Bridge.MaxUnackedAge = TimeSpan.FromMinutes(5);
        return new BridgeWatcher(() => _status, fx.Store, fx.Journal, fx.Time, Options.Create(fx.Options), NullLogger<BridgeWatcher>.Instance);
    }

    private static async Task PollAsync(TriageFixture fx, BridgeWatcher watcher, int polls)
    {
        for (var i = 0; i < polls; i++)
        {
            fx.Time.Advance(Poll);
            await watcher.LastCheck;
        }
    }

    private static BridgeStatus Status(bool connected, TimeSpan? oldest) => new()
    {
        Connected = connected,
        CircuitOpen = false,
        QuotaAlarm = false,
        EventsAcked = 0,
        AckedPerSecond = 0,
        Sessions = 1,
        Lanes = [new LaneStatus { Lane = "business", Backlog = oldest is null ? 0 : 1, BacklogBytes = 0, AckedThrough = 0, LastSequence = 0, Shed = 0, OldestUnackedAge = oldest }],
    };
}
