using EdgeAgent.Drivers.Printers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static EdgeAgent.Drivers.Tests.Printers.PrinterTestHarness;

namespace EdgeAgent.Drivers.Tests.Printers;

public sealed class PrinterGroupJobTimeoutTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly PrinterEventSink _sink = new();

    private PrinterGroup StartGroup()
    {
        var group = new PrinterGroup(
            new PrinterGroupOptions
            {
                Name = "line-1",
                Printers = [new("a", Link(ClosedPort()))],
                PollInterval = TimeSpan.FromSeconds(1),
                JobTimeout = TimeSpan.FromMinutes(2),
            },
            _sink.OnEventAsync,
            NullLogger<PrinterGroup>.Instance,
            _time);
        group.Start();
        return group;
    }

    [Fact]
    public async Task JobNobodyCanPrint_FailsAsTimedOut_OnceItsOwnTimeoutHasPassed()
    {
        await using var group = StartGroup();
        group.Submit(Job("job-1") with { Timeout = TimeSpan.FromSeconds(30) });

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_sink.All.OfType<JobFailed>());
        _time.Advance(TimeSpan.FromSeconds(2));

        var failed = await _sink.WaitForAsync<JobFailed>();
        Assert.Equal(("job-1", JobFailureReason.TimedOut), (failed.JobId, failed.Reason));
    }

    [Fact]
    public async Task JobWithoutItsOwnTimeout_UsesTheGroupDefault()
    {
        await using var group = StartGroup();
        group.Submit(Job("job-1"));

        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Empty(_sink.All.OfType<JobFailed>());
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(JobFailureReason.TimedOut, (await _sink.WaitForAsync<JobFailed>()).Reason);
    }
}
