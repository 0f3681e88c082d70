using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The fallback: earliest cut-off bucket first, then the nearest slot, respecting zones, skills, blocks,
/// absences and horizons; pickers free soonest choose first. Needs no model and no cache (its buffers hold
/// nothing between calls); durations are the planning estimates of the options.
/// </summary>
internal sealed class RulePlanner(WarehouseLayout layout, RebalancerOptions options)
{
    private readonly RuleIndex _index = new();

    public IReadOnlyList<PickerPlan> Plan(RebalanceRequest request)
    {
        _index.Build(request, layout, options);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pickers = request.Pickers
            .Select((p, i) => (Picker: p, Input: i))
            .Where(p => seen.Add(p.Picker.Id) && Eligibility.IsAvailable(p.Picker, request.Disruptions))
            .OrderBy(p => p.Picker.RemainingSeconds).ThenBy(p => p.Input)
            .Select(p => p.Picker)
            .ToArray();
        var steps = pickers.Select(_ => new List<PlannedTask>()).ToArray();
        var position = pickers.Select(p => RebalanceObjective.StartOf(p, layout)).ToArray();
        var clock = pickers.Select(p => p.RemainingSeconds).ToArray();
        var horizon = pickers.Length == 0 ? 0 : pickers.Max(p => p.Horizon ?? options.Horizon);
        for (var k = 0; k < horizon; k++)
        {
            for (var p = 0; p < pickers.Length; p++)
            {
                if ((pickers[p].Horizon ?? options.Horizon) > k && steps[p].Count == k)
                {
                    Step(pickers[p], steps[p], ref position[p], ref clock[p]);
                }
            }
        }

        var byId = new Dictionary<string, List<PlannedTask>>(pickers.Length, StringComparer.Ordinal);
        for (var p = 0; p < pickers.Length; p++)
        {
            byId[pickers[p].Id] = steps[p];
        }

        return request.Pickers.Select(p => new PickerPlan(p.Id, byId.Remove(p.Id, out var s) ? s : [])).ToList();
    }

    private void Step(PickerState picker, List<PlannedTask> steps, ref BinLocation from, ref double clock)
    {
        var (item, bucket) = Choose(picker, from);
        if (item < 0)
        {
            return;
        }

        _index.Take(item, bucket!);
        var task = _index.Tasks[item];
        var distance = layout.Distance(from, _index.Bins[item]);
        var seconds = ((distance / options.WalkMetresPerSecond) + RebalanceObjective.EstimatedLineSeconds(task, options)) * picker.Pace;
        clock += seconds;
        from = _index.Bins[item];
        steps.Add(new PlannedTask
        {
            TaskId = task.Id,
            PredictedSeconds = seconds,
            CompletesAfterSeconds = clock,
            Confidence = options.RuleConfidence,
            Explanation = new DecisionExplanation
            {
                PredictedSeconds = seconds,
                Rule = FormattableString.Invariant($"rule: earliest cut-off {task.ShipCutOff:HH:mm}, nearest at {distance:F1} m"),
            },
        });
    }

    /// <summary>The nearest free task the picker may take in the earliest bucket that has one; -1 if none.</summary>
    private (int Item, RuleBucket? Bucket) Choose(PickerState picker, BinLocation from)
    {
        var aisleLength = (layout.BaysPerAisle + 1) * layout.BayDepth;
        var nearSide = Math.Min(from.Y, aisleLength - from.Y);
        foreach (var bucket in _index.Buckets)
        {
            if (bucket.Free == 0)
            {
                continue;
            }

            var best = -1;
            var bestDistance = double.PositiveInfinity;
            var reach = Math.Max(from.Aisle + 1, bucket.ByAisle.Count);
            for (var offset = 0; offset <= reach; offset++)
            {
                // Aisles outwards from the picker's; an aisle that cannot beat the best so far ends the search.
                if (offset > 0 && (offset * layout.AisleSpacing) + nearSide > bestDistance)
                {
                    break;
                }

                NearestIn(bucket, from.Aisle - offset, picker, from, ref best, ref bestDistance);
                if (offset > 0)
                {
                    NearestIn(bucket, from.Aisle + offset, picker, from, ref best, ref bestDistance);
                }
            }

            if (best >= 0)
            {
                return (best, bucket);
            }
        }

        return (-1, null);
    }

    private void NearestIn(RuleBucket bucket, int aisle, PickerState picker, BinLocation from, ref int best, ref double bestDistance)
    {
        if (aisle < 0 || aisle >= bucket.ByAisle.Count || bucket.FreeByAisle[aisle] == 0)
        {
            return;
        }

        foreach (var item in bucket.ByAisle[aisle])
        {
            if (_index.Taken[item] || !Permits(picker, item))
            {
                continue;
            }

            var distance = layout.Distance(from, _index.Bins[item]);
            if (distance < bestDistance || (distance == bestDistance && item < best))
            {
                best = item;
                bestDistance = distance;
            }
        }
    }

    private bool Permits(PickerState picker, int item) =>
        (picker.AllowedZones.Count == 0 || picker.AllowedZones.Contains(_index.Zones[item]))
        && (_index.Tasks[item].RequiredSkill is not { } skill || picker.Skills.Contains(skill));
}
