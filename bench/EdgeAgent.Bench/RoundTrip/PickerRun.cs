using System.Diagnostics;
using EdgeAgent.Simulators.Handhelds;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>
/// One handheld working the pick loop (scan location, scan item, confirm quantity, next task),
/// timing every <see cref="HandheldClient.SendAsync"/>: each is one full event→prompt round trip.
/// </summary>
internal sealed class PickerRun(HandheldClient handheld, string pickerId, bool followsWorkflow)
{
    // The echo's prompts carry no task; the loop then scans this one so the messages have the same shape.
    private static readonly SimTask EchoTask = new("ECHO", "A-00-1", "SKU-000000", 1);

    // What each step sends and which prompt the workflow must answer it with.
    private static readonly string[] ExpectedKinds = ["scan-item", "enter-quantity", "go-to-location"];

    private SimTask _task = EchoTask;
    private int _step;

    public HandheldClient Handheld => handheld;

    /// <summary>Logs in (untimed); the agent answers with the picker's current or next task.</summary>
    public async Task LoginAsync(CancellationToken cancellationToken)
    {
        var prompt = await handheld.SendAsync(HandheldBodies.Login(pickerId), cancellationToken);
        Expect(prompt, "go-to-location");
        _task = prompt.Task ?? EchoTask;
        _step = 0;
    }

    /// <summary>Runs whole tasks; writes each round trip's duration in <see cref="Stopwatch"/> ticks to <paramref name="latencies"/>.</summary>
    public async Task RunTasksAsync(int tasks, List<long> latencies, CancellationToken cancellationToken)
    {
        for (var done = 0; done < tasks * ExpectedKinds.Length; done++)
        {
            var body = _step switch
            {
                0 => HandheldBodies.Scan(_task.Location),
                1 => HandheldBodies.Scan(_task.Sku),
                _ => HandheldBodies.Confirm(_task.Qty),
            };
            var started = Stopwatch.GetTimestamp();
            var prompt = await handheld.SendAsync(body, cancellationToken);
            latencies.Add(Stopwatch.GetTimestamp() - started);

            Expect(prompt, ExpectedKinds[_step]);
            _task = prompt.Task ?? _task;
            _step = (_step + 1) % ExpectedKinds.Length;
        }
    }

    /// <summary>One step of the loop (the next scan or confirm), untimed.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        var body = _step switch
        {
            0 => HandheldBodies.Scan(_task.Location),
            1 => HandheldBodies.Scan(_task.Sku),
            _ => HandheldBodies.Confirm(_task.Qty),
        };
        var prompt = await handheld.SendAsync(body, cancellationToken);
        Expect(prompt, ExpectedKinds[_step]);
        _task = prompt.Task ?? _task;
        _step = (_step + 1) % ExpectedKinds.Length;
    }

    private void Expect(SimPrompt prompt, string kind)
    {
        // Timing error prompts or "no work" would measure the wrong thing: stop loudly instead.
        if (followsWorkflow && prompt.Kind != kind)
        {
            throw new InvalidOperationException(
                $"{handheld.DeviceId} expected a '{kind}' prompt, got '{prompt.Kind}' ({prompt.Error}): {prompt.Text}");
        }
    }
}
