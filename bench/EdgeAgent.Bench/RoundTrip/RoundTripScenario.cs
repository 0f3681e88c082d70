using System.Diagnostics;
using EdgeAgent.Simulators.Handhelds;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>
/// N handhelds running the pick loop against one target in rounds: before each round the target
/// gets just the tasks the round needs, so the agent's open pool stays the size of a real wave
/// instead of growing with the length of the run.
/// </summary>
internal static class RoundTripScenario
{
    /// <summary>Whole tasks each handheld picks per round (three round trips each).</summary>
    public const int TasksPerRound = 25;

    private const int RoundTripsPerTask = 3;

    public static async Task<RoundTripResult> RunAsync(
        IRoundTripTarget target, string site, int handhelds, int warmUpRoundTrips, int roundTrips, CancellationToken cancellationToken, string variant = "")
    {
        var perRound = handhelds * TasksPerRound * RoundTripsPerTask;
        var warmUpRounds = (warmUpRoundTrips + perRound - 1) / perRound;
        var rounds = (roundTrips + perRound - 1) / perRound;
        var runs = new List<PickerRun>(handhelds);
        try
        {
            for (var i = 1; i <= handhelds; i++)
            {
                var handheld = new HandheldClient(new HandheldClientOptions
                {
                    Host = "127.0.0.1",
                    Port = target.BrokerPort,
                    Site = site,
                    DeviceId = DeviceId(handhelds, i, variant),
                    Password = AgentTarget.Password(DeviceId(handhelds, i, variant)),
                });
                runs.Add(new PickerRun(handheld, $"P{variant}-{handhelds}-{i:D2}", target.FollowsWorkflow));
                await handheld.ConnectAsync(cancellationToken);
            }

            // One task each for the login to assign.
            await target.ReleaseTasksAsync(handhelds, cancellationToken);
            await Task.WhenAll(runs.Select(r => r.LoginAsync(cancellationToken)));

            var scratch = runs.Select(_ => new List<long>()).ToList();
            for (var round = 0; round < warmUpRounds; round++)
            {
                await RunRoundAsync(target, runs, scratch, cancellationToken);
            }

            var latencies = runs.Select(_ => new List<long>(rounds * TasksPerRound * RoundTripsPerTask)).ToList();
            var resendsBefore = runs.Sum(r => r.Handheld.Resends);
            var busy = TimeSpan.Zero;
            for (var round = 0; round < rounds; round++)
            {
                busy += await RunRoundAsync(target, runs, latencies, cancellationToken);
            }

            return RoundTripResult.From([.. latencies.SelectMany(l => l)], busy, runs.Sum(r => r.Handheld.Resends) - resendsBefore);
        }
        finally
        {
            foreach (var run in runs)
            {
                await run.Handheld.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A device of its own per scenario: a handheld's seq survives reconnects on a real device, so a
    /// fresh client under an id the agent already served would be refused as stale.
    /// </summary>
    public static string DeviceId(int handhelds, int i, string variant = "") => $"hh{variant}-{handhelds}-{i:D2}";

    private static async Task<TimeSpan> RunRoundAsync(
        IRoundTripTarget target, List<PickerRun> runs, List<List<long>> latencies, CancellationToken cancellationToken)
    {
        // Each handheld ends a round holding its next task already assigned, so the round needs exactly this many.
        await target.ReleaseTasksAsync(runs.Count * TasksPerRound, cancellationToken);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(runs.Select((r, i) => r.RunTasksAsync(TasksPerRound, latencies[i], cancellationToken)));
        return clock.Elapsed;
    }
}
