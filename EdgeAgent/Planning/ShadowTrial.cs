using System.Globalization;
using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Planning;

/// <summary>
/// Scores a candidate against the current model on the same live requests and the outcomes that follow.
/// Pick time: each picker's next step, where both plans chose the same task, is predicted by both; when the
/// pick finishes, both absolute errors count (mean absolute error in seconds). Late risk: each order's
/// probability from both; when the order finishes, the calibration gap |mean probability − late share|.
/// Used by the planner's thread only.
/// </summary>
internal sealed class ShadowTrial(ShadowCandidate candidate, ModelsOptions.ShadowOptions options, bool currentMissing)
{
    public const string MeanAbsoluteError = "mae-seconds";
    public const string CalibrationGap = "calibration-gap";

    // Predictions wait for their outcome; bounded so a floor that never finishes a task cannot grow them.
    private const int MaxPending = 50_000;
    private readonly Dictionary<string, (double Current, double Candidate)> _picks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Current, double Candidate)> _orders = new(StringComparer.Ordinal);
    private double _currentSum = candidate.Tally?.CurrentSum ?? 0;
    private double _candidateSum = candidate.Tally?.CandidateSum ?? 0;
    private double _lateSum = candidate.Tally?.LateSum ?? 0;

    public ShadowCandidate Candidate { get; } = candidate;

    public int Samples { get; private set; } = candidate.Tally?.Samples ?? 0;

    /// <summary>What the trial has counted so far (predictions still waiting for their outcome are not kept).</summary>
    public ShadowTally Tally => new() { Samples = Samples, CurrentSum = _currentSum, CandidateSum = _candidateSum, LateSum = _lateSum };

    private bool IsPickTime => Candidate.ModelName == ModelNames.PickDuration;

    /// <summary>Notes what both models predicted for this round's requests.</summary>
    public void Observe(RebalanceRequest request, RebalancePlan live, RebalancePlan shadow)
    {
        if (live.Method != PlanMethod.Model || shadow.Method != PlanMethod.Model)
        {
            return;
        }

        if (IsPickTime)
        {
            var candidateFirst = shadow.Pickers.Where(p => p.Tasks.Count > 0).ToDictionary(p => p.PickerId, p => p.Tasks[0], StringComparer.Ordinal);
            foreach (var picker in live.Pickers.Where(p => p.Tasks.Count > 0))
            {
                if (candidateFirst.TryGetValue(picker.PickerId, out var step) && step.TaskId == picker.Tasks[0].TaskId)
                {
                    Remember(_picks, step.TaskId, (picker.Tasks[0].PredictedSeconds, step.PredictedSeconds));
                }
            }

            return;
        }

        var orderOf = request.Tasks.ToDictionary(t => t.Id, t => t.OrderId, StringComparer.Ordinal);
        var current = Risks(live, orderOf);
        foreach (var (order, risk) in Risks(shadow, orderOf))
        {
            if (current.TryGetValue(order, out var now))
            {
                Remember(_orders, order, (now, risk));
            }
        }
    }

    public void RecordPick(string taskId, double actualSeconds)
    {
        if (IsPickTime && _picks.Remove(taskId, out var predicted))
        {
            _currentSum += Math.Abs(predicted.Current - actualSeconds);
            _candidateSum += Math.Abs(predicted.Candidate - actualSeconds);
            Samples++;
        }
    }

    public void RecordOrder(string orderId, bool late)
    {
        if (!IsPickTime && _orders.Remove(orderId, out var predicted))
        {
            _currentSum += predicted.Current;
            _candidateSum += predicted.Candidate;
            _lateSum += late ? 1 : 0;
            Samples++;
        }
    }

    /// <summary>The verdict once enough outcomes are in or the period is over; null while the trial runs.</summary>
    public ShadowVerdict? Verdict(DateTimeOffset now)
    {
        var complete = Samples >= options.Samples;
        if (!complete && now - Candidate.StartedAt < options.Period)
        {
            return null;
        }

        var measure = IsPickTime ? MeanAbsoluteError : CalibrationGap;
        if (Samples == 0)
        {
            // Nothing to compare: a candidate replaces a missing model, never a working one.
            return new ShadowVerdict(Candidate.UpdateId, currentMissing, measure, 0, 0, 0, currentMissing
                ? "no current model to compare with; the verified candidate takes its place"
                : string.Create(CultureInfo.InvariantCulture, $"no outcome in the shadow period of {options.Period}; the current model stays"));
        }

        var (current, proposed) = IsPickTime
            ? (_currentSum / Samples, _candidateSum / Samples)
            : (Math.Abs((_currentSum - _lateSum) / Samples), Math.Abs((_candidateSum - _lateSum) / Samples));
        var promote = proposed <= current;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{measure} of {Candidate.Identity.Version} {proposed:0.####} {(promote ? "is no worse than" : "is worse than")} the current model's {current:0.####} over {Samples} outcomes");
        return new ShadowVerdict(Candidate.UpdateId, promote, measure, current, proposed, Samples, reason);
    }

    private static Dictionary<string, double> Risks(RebalancePlan plan, Dictionary<string, string> orderOf)
    {
        var risks = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in plan.Pickers.SelectMany(p => p.Tasks))
        {
            if (task.LateRisk is { } risk && orderOf.TryGetValue(task.TaskId, out var order))
            {
                risks[order] = risk;
            }
        }

        return risks;
    }

    private static void Remember(Dictionary<string, (double, double)> pending, string key, (double, double) value)
    {
        if (pending.Count >= MaxPending && !pending.ContainsKey(key))
        {
            pending.Clear();
        }

        pending[key] = value;
    }
}
