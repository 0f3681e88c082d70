using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The fallback: earliest cut-off bucket first, then the nearest slot, respecting zones, skills, blocks,
/// absences and horizons. Needs no model and no cache; durations are the planning estimates of the options.
/// </summary>
internal static class RulePlanner
{
    public static IReadOnlyList<PickerPlan> Plan(RebalanceRequest request, WarehouseLayout layout, RebalancerOptions options)
    {
        var index = new RuleIndex(request, layout, options);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pickers = request.Pickers
            .Select((p, i) => (Picker: p, Input: i))
            .Where(p => seen.Add(p.Picker.Id) && Eligibility.IsAvailable(p.Picker, request.Disruptions))
            .OrderBy(p => p.Picker.RemainingSeconds).ThenBy(p => p.Input)
            .Select(p => p.Picker)
            .ToList();
        var steps = pickers.ToDictionary(p => p.Id, _ => new List<PlannedTask>(), StringComparer.Ordinal);
        var position = pickers.ToDictionary(p => p.Id, p => RebalanceObjective.StartOf(p, layout), StringComparer.Ordinal);
        var clock = pickers.ToDictionary(p => p.Id, p => p.RemainingSeconds, StringComparer.Ordinal);
        var horizon = pickers.Count == 0 ? 0 : pickers.Max(p => p.Horizon ?? options.Horizon);
        for (var k = 0; k < horizon; k++)
        {
            foreach (var picker in pickers)
            {
                if ((picker.Horizon ?? options.Horizon) <= k || steps[picker.Id].Count < k)
                {
                    continue;
                }

                var from = position[picker.Id];
                var item = Choose(index, layout, picker, from);
                if (item < 0)
                {
                    continue;
                }

                index.Take(item);
                var distance = layout.Distance(from, index.Bins[item]);
                var seconds = ((distance / options.WalkMetresPerSecond) + RebalanceObjective.EstimatedLineSeconds(index.Tasks[item], options)) * picker.Pace;
                clock[picker.Id] += seconds;
                position[picker.Id] = index.Bins[item];
                steps[picker.Id].Add(new PlannedTask
                {
                    TaskId = index.Tasks[item].Id,
                    PredictedSeconds = seconds,
                    CompletesAfterSeconds = clock[picker.Id],
                    Confidence = options.RuleConfidence,
                    Explanation = new DecisionExplanation
                    {
                        PredictedSeconds = seconds,
                        Rule = FormattableString.Invariant($"rule: earliest cut-off {index.Tasks[item].ShipCutOff:HH:mm}, nearest at {distance:F1} m"),
                    },
                });
            }
        }

        return request.Pickers.Select(p => new PickerPlan(p.Id, steps.TryGetValue(p.Id, out var s) ? s : [])).ToList();
    }

    /// <summary>The nearest free task the picker may take in the earliest bucket that has one; -1 if none.</summary>
    private static int Choose(RuleIndex index, WarehouseLayout layout, PickerState picker, BinLocation from)
    {
        var aisleLength = (layout.BaysPerAisle + 1) * layout.BayDepth;
        var nearSide = Math.Min(from.Y, aisleLength - from.Y);
        foreach (var bucket in index.Buckets)
        {
            if (bucket.Free == 0)
            {
                continue;
            }

            var best = -1;
            var bestDistance = double.PositiveInfinity;
            foreach (var (aisle, items) in bucket.ByAisle.OrderBy(a => Math.Abs(a.Key - from.Aisle)))
            {
                var bound = aisle == from.Aisle ? 0 : (Math.Abs(aisle - from.Aisle) * layout.AisleSpacing) + nearSide;
                if (bucket.FreeByAisle[aisle] == 0 || bound > bestDistance)
                {
                    continue;
                }

                foreach (var item in items)
                {
                    if (index.Taken[item] || !Permits(picker, index, item))
                    {
                        continue;
                    }

                    var distance = layout.Distance(from, index.Bins[item]);
                    if (distance < bestDistance || (distance == bestDistance && item < best))
                    {
                        best = item;
                        bestDistance = distance;
                    }
                }
            }

            if (best >= 0)
            {
                return best;
            }
        }

        return -1;
    }

    private static bool Permits(PickerState picker, RuleIndex index, int item) =>
        (picker.AllowedZones.Count == 0 || picker.AllowedZones.Contains(index.Zones[item]))
        && (index.Tasks[item].RequiredSkill is not { } skill || picker.Skills.Contains(skill));
}
