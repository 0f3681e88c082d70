using System.Diagnostics.CodeAnalysis;
using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Builds a round's pruned candidates (nearest K, the urgent pool's offers, and the most urgent M a picker
/// may take) and scores only the pairs the cache cannot answer, in one batch. Later steps of the horizon
/// are provisional (re-planned at the next trigger), so they weigh a shorter nearest list and no pool.
/// </summary>
internal sealed class RoundScorer(
    TaskTable tasks, BlockSet blocks, CandidateListCache lists, PickScoreCache scores, WarehouseLayout layout, RebalancerOptions options)
{
    private readonly List<(double Distance, int Slot)> _fresh = [];
    private readonly UrgentPool _pool = new(tasks, blocks, layout, options);
    private int[] _mark = [];
    private int _stamp;

    /// <summary>Fills the round for the participants; <paramref name="widen"/> asks for a longer, uncached nearest list.</summary>
    public void Build(PlanningRun run, RoundCandidates round, IReadOnlyList<int> participants, bool widen, bool firstStep)
    {
        round.Reset(run.Pickers.Count);
        if (_mark.Length < tasks.HighWater)
        {
            _mark = new int[Math.Max(tasks.HighWater, _mark.Length * 2)];
        }

        var offers = firstStep ? _pool.Offer(run, participants) : null;
        var nearest = firstStep || widen ? int.MaxValue : options.LaterStepNearest;
        for (var i = 0; i < participants.Count; i++)
        {
            var picker = participants[i];
            round.BeginParticipant(picker);
            var from = run.PositionAfterPlan(picker, tasks);
            var profile = run.Profiles[picker];
            _stamp++;
            var pace = run.Pickers[picker].Pace;
            var source = new Source(from, pace, PickScoreCache.KeyOf(from, pace, 0));
            var near = Nearest(run, from, profile, widen);
            for (var n = 0; n < near.Length && n < nearest; n++)
            {
                Consider(run, round, source, near[n]);
            }

            foreach (var slot in offers?[i] ?? [])
            {
                Consider(run, round, source, slot);
            }

            foreach (var slot in Urgent(run, profile))
            {
                Consider(run, round, source, slot);
            }

            round.EndParticipant();
        }
    }

    /// <summary>Scores the round's rows in one call and stores them; false with the reason when the model fails.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "Any model failure must degrade to the rule plan, never fail the floor.")]
    public bool TryScore(PlanningRun run, RoundCandidates round, IPickDurationModel model, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (round.RowCount > 0)
        {
            try
            {
                model.Predict(round.Rows.AsSpan(0, round.RowCount), round.RowSeconds.AsSpan(0, round.RowCount));
            }
            catch (Exception ex)
            {
                error = $"{model.Identity.Name} {model.Identity.Version}: {ex.GetType().Name}: {ex.Message}";
                return false;
            }

            for (var r = 0; r < round.RowCount; r++)
            {
                var seconds = round.RowSeconds[r];
                if (!float.IsFinite(seconds) || seconds < 0)
                {
                    error = $"{model.Identity.Name} {model.Identity.Version}: predicted {seconds} s for a pick";
                    return false;
                }
            }

            for (var r = 0; r < round.RowCount; r++)
            {
                var item = round.RowItem[r];
                round.Items[item].Seconds = round.RowSeconds[r];
                scores.Put(round.RowKey[r], round.RowSeconds[r], tasks.Version[round.Items[item].Slot], round.RowCongestion[r], run.Call);
            }

            run.Counters.PickRows += round.RowCount;
        }

        round.SortByCost();
        return true;
    }

    private int[] Nearest(PlanningRun run, BinLocation from, PickerProfile profile, bool widen)
    {
        if (!widen)
        {
            return lists.Get(tasks, blocks, from, profile, options.NearestCandidates, run.Call);
        }

        tasks.Index.Nearest(from, profile, blocks, options.NearestCandidates * 8, _fresh);
        return _fresh.Select(f => f.Slot).ToArray();
    }

    private int[] Urgent(PlanningRun run, PickerProfile profile)
    {
        if (run.Urgent.TryGetValue(profile.Id, out var urgent))
        {
            return urgent;
        }

        var found = new List<int>(options.UrgentCandidates);
        for (var i = 0; i < run.ByExposure.Length && found.Count < options.UrgentCandidates; i++)
        {
            var slot = run.ByExposure[i];
            if (run.Exposure[slot] > 0 && tasks.Eligible(profile, blocks, slot))
            {
                found.Add(slot);
            }
        }

        urgent = [.. found];
        run.Urgent[profile.Id] = urgent;
        return urgent;
    }

    private void Consider(PlanningRun run, RoundCandidates round, in Source source, int slot)
    {
        if (run.IsTaken(slot) || _mark[slot] == _stamp)
        {
            return;
        }

        _mark[slot] = _stamp;
        run.Counters.Candidates++;
        var aisle = tasks.Bin[slot].Aisle;
        var congestion = run.Congestion[aisle];
        var key = source.KeyPrefix | (uint)slot;
        var item = round.AddItem(new Candidate(slot, tasks.Input[slot], 0, run.Exposure[slot], 0));
        if (scores.TryGet(key, tasks.Version[slot], run.Call, out var cached))
        {
            var fresh = cached.Congestion == congestion;
            if (fresh || run.Counters.StaleBudget <= 0)
            {
                round.Items[item].Seconds = cached.Seconds;
                run.Counters.CacheHits += fresh ? 1 : 0;
                run.Counters.StaleUsed += fresh ? 0 : 1;
                return;
            }

            run.Counters.StaleBudget--;
        }

        round.AddRow(item, key, congestion, RebalanceObjective.PickRow(layout, source.From, tasks.Bin[slot], tasks.Task[slot]!, source.Pace, congestion));
    }

    /// <summary>Where a participant walks from this round, with the part of the score key that does not depend on the task.</summary>
    private readonly record struct Source(BinLocation From, double Pace, long KeyPrefix);
}
