namespace EdgeAgent.Models.Rebalancing;

/// <summary>Turns a round's choices into plan steps, each with the alternatives that explain it and a confidence.</summary>
internal static class RoundRecorder
{
    public static void Record(PlanningRun run, RoundCandidates round, TaskTable tasks, RebalancerOptions options)
    {
        for (var i = 0; i < round.Count; i++)
        {
            if (round.Chosen[i] < 0)
            {
                continue;
            }

            var chosen = round.Items[round.Chosen[i]];
            var alternatives = new List<CandidateCost>(options.ExplainedCandidates);
            double? freeMargin = null;
            for (var e = round.Start[i]; e < round.End(i); e++)
            {
                if (e == round.Chosen[i])
                {
                    continue;
                }

                var item = round.Items[e];
                var owner = run.TakenBy(item.Slot);
                freeMargin ??= owner < 0 ? item.Cost - chosen.Cost : null;
                if (alternatives.Count < options.ExplainedCandidates)
                {
                    alternatives.Add(new CandidateCost(
                        tasks.Task[item.Slot]!.Id, item.Seconds, item.Exposure, item.Cost, owner < 0 ? null : run.Pickers[owner].Id));
                }
            }

            var margin = freeMargin ?? 3 * options.ConfidenceScaleSeconds;
            var confidence = 1 / (1 + Math.Exp(-margin / options.ConfidenceScaleSeconds));
            var picker = round.Picker[i];
            run.Steps[picker].Add(new PlannedStep(
                chosen.Slot, chosen.Seconds, chosen.Exposure, chosen.Cost, run.Risk[chosen.Slot], confidence,
                new DecisionExplanation
                {
                    PredictedSeconds = chosen.Seconds,
                    Exposure = chosen.Exposure,
                    CandidatesWeighed = round.End(i) - round.Start[i],
                    Alternatives = alternatives,
                }));
        }
    }
}
