using System.Collections.Concurrent;
using EdgeAgent.Simulators.Handhelds;

namespace EdgeAgent.Simulators.Floor;

/// <summary>
/// A picker working a handheld the way people do: walks to the prompted location, scans it, scans
/// the item, confirms the quantity; now and then scans the wrong shelf or finds the location short.
/// Speaks only the handheld protocol.
/// </summary>
public sealed class PickerBot
{
    private readonly HandheldClient _handheld;
    private readonly PickerBotOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;

    public PickerBot(HandheldClient handheld, PickerBotOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _handheld = handheld;
        _options = options;
        _time = time;
        _random = new Random(options.Seed);
    }

    private readonly ConcurrentQueue<string> _completed = new();
    private readonly ConcurrentQueue<AnsweredPick> _answered = new();

    /// <summary>Tasks whose confirm or short pick the agent answered, in order.</summary>
    public IReadOnlyCollection<string> CompletedTaskIds => _completed;

    /// <summary>
    /// The same answered picks with the handheld's number of the message the agent answered, in order: the number an
    /// agent names when its store lost acknowledged work ("acknowledged up to seq N, store holds up to M").
    /// </summary>
    public IReadOnlyCollection<AnsweredPick> AnsweredPicks => _answered;

    public int TasksDone => _completed.Count;

    public int ShortPicks { get; private set; }

    public int MistakesMade { get; private set; }

    /// <summary>Works until cancelled; with <paramref name="stopWhenIdle"/> it stops at the first "no work".</summary>
    public async Task RunAsync(bool stopWhenIdle, CancellationToken cancellationToken)
    {
        var prompt = await _handheld.SendAsync(HandheldBodies.Login(_options.PickerId), cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (prompt.Kind == "no-work")
            {
                if (stopWhenIdle)
                {
                    return;
                }

                // Work given while waiting is pushed; asking again now and then covers a push that was lost.
                prompt = await _handheld.WaitForPushAsync(_options.IdleRetry, cancellationToken)
                    ?? await _handheld.SendAsync(HandheldBodies.Login(_options.PickerId), cancellationToken);
                continue;
            }

            prompt = await StepAsync(prompt, cancellationToken);
        }
    }

    private async Task<SimPrompt> StepAsync(SimPrompt prompt, CancellationToken cancellationToken)
    {
        var task = prompt.Task;
        if (task is null)
        {
            // An error with no task in hand (e.g. not logged in any more): log in again.
            return await _handheld.SendAsync(HandheldBodies.Login(_options.PickerId), cancellationToken);
        }

        switch (prompt.Kind)
        {
            case "go-to-location":
                await Task.Delay(_options.Walk, _time, cancellationToken);
                if (Chance(_options.MistakeRate))
                {
                    MistakesMade++;
                    var wrong = await _handheld.SendAsync(HandheldBodies.Scan(task.Location + "X"), cancellationToken);
                    if (wrong.Kind != "error")
                    {
                        return wrong;
                    }
                }

                return await _handheld.SendAsync(HandheldBodies.Scan(task.Location), cancellationToken);
            case "scan-item":
                if (task.Qty > 1 && Chance(_options.ShortRate))
                {
                    ShortPicks++;
                    return await CompleteAsync(task.Id, _handheld.SendAsync(HandheldBodies.ShortPick(_random.Next(0, task.Qty)), cancellationToken));
                }

                return await _handheld.SendAsync(HandheldBodies.Scan(task.Sku), cancellationToken);
            case "enter-quantity":
                return await CompleteAsync(task.Id, _handheld.SendAsync(HandheldBodies.Confirm(task.Qty), cancellationToken));
            default:
                // Lost track after an error: logging in again makes the agent repeat the current step.
                return await _handheld.SendAsync(HandheldBodies.Login(_options.PickerId), cancellationToken);
        }
    }

    private async Task<SimPrompt> CompleteAsync(string taskId, Task<SimPrompt> send)
    {
        var prompt = await send;
        if (prompt.Kind != "error")
        {
            _completed.Enqueue(taskId);
            _answered.Enqueue(new AnsweredPick(taskId, prompt.Ack ?? 0));
        }

        return prompt;
    }

    private bool Chance(double rate) => _random.NextDouble() < rate;
}
