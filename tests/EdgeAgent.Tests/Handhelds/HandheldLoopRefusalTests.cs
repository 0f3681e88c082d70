using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Handhelds;

/// <summary>The pick loop's answers and log lines for messages it refuses, on a real store.</summary>
public sealed class HandheldLoopRefusalTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-loop-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private ILoggerFactory _loggers = null!;
    private DurableStore _store = null!;
    private HandheldLoop _loop = null!;

    public Task InitializeAsync()
    {
        _store = DurableStore.Open(
            new StoreOptions { DataDirectory = _directory },
            NullLogger<DurableStore>.Instance,
            _time,
            [typeof(PickTask), typeof(PickerSession), typeof(PendingAssignment), typeof(HandheldLedger), .. EdgeAgent.Events.FloorEventTypes.All]);
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        var workflow = new PickWorkflow(new HandheldRegistry(["hh-1", "hh-2"]), _time, new TaskAssigner(new PickerOptions(), new PlanBoard()));

        // The gateway factory is only used to start the MQTT side, which these tests do not.
        _loop = new HandheldLoop(null!, _store, workflow, _loggers, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _loggers.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AFloodOfStaleMessages_LogsOneLinePerDevicePerMinute_WithTheCountNotLogged()
    {
        await SendAsync("hh-1", 10, HandheldMessageType.Login);
        await SendAsync("hh-2", 10, HandheldMessageType.Login);

        var prompts = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => SendAsync("hh-1", 1 + (i % 9), HandheldMessageType.Logout)));
        await SendAsync("hh-2", 3, HandheldMessageType.Logout);

        Assert.All(prompts, p => Assert.Equal(HandheldErrorCode.StaleSequence, p.Error));
        Assert.Single(Refusals("hh-1"));
        Assert.Single(Refusals("hh-2"));

        _time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync("hh-1", 4, HandheldMessageType.Logout);

        var lines = Refusals("hh-1");
        Assert.Equal(2, lines.Count);
        Assert.Contains("(1999 similar refusals not logged)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFloodOfRedeliveries_LogsOneLinePerMinute()
    {
        await SendAsync("hh-1", 1, HandheldMessageType.Login);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => SendAsync("hh-1", 1, HandheldMessageType.Login)));

        Assert.Single(_logs.Lines, l => l.Contains("hh-1 #1 redelivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStaleSeqTheAgentNeverReceived_IsNotToldItWasAlreadyAnswered()
    {
        await SendAsync("hh-1", 1, HandheldMessageType.Login);
        await SendAsync("hh-1", 7, HandheldMessageType.Logout);

        var skipped = await SendAsync("hh-1", 4, HandheldMessageType.Logout);
        var answered = await SendAsync("hh-1", 1, HandheldMessageType.Logout);

        Assert.Equal(HandheldErrorCode.StaleSequence, skipped.Error);
        Assert.DoesNotContain("already answered", skipped.Text, StringComparison.Ordinal);
        Assert.Contains("never reached the agent", skipped.Text, StringComparison.Ordinal);
        Assert.Contains("already answered", answered.Text, StringComparison.Ordinal);
    }

    private Task<HandheldPrompt> SendAsync(string device, long seq, HandheldMessageType type) =>
        _loop.HandleAsync(new HandheldMessage { DeviceId = device, Seq = seq, Type = type, Picker = type == HandheldMessageType.Login ? $"P-{device}" : null }, CancellationToken.None);

    private List<string> Refusals(string device) =>
        [.. _logs.Lines.Where(l => l.Contains($"{device} #", StringComparison.Ordinal) && l.Contains("refused (StaleSequence)", StringComparison.Ordinal))];
}
