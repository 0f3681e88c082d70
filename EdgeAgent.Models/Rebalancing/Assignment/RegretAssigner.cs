namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Regret greedy: repeatedly gives the participant who would lose most by waiting (second-best minus
/// best cost among tasks still free) its best free task. Cheap (participants² × a few) and, unlike plain
/// greedy, protects pickers whose only good option others could take.
/// </summary>
internal static class RegretAssigner
{
    public static void Assign(PlanningRun run, RoundCandidates round)
    {
        var next = new int[round.Count];
        var active = new List<int>(round.Count);
        for (var i = 0; i < round.Count; i++)
        {
            next[i] = round.Start[i];
            if (round.Chosen[i] < 0)
            {
                active.Add(i);
            }
        }

        while (active.Count > 0)
        {
            var best = -1;
            var bestRegret = double.NegativeInfinity;
            for (var a = active.Count - 1; a >= 0; a--)
            {
                var i = active[a];
                var end = round.End(i);
                var first = NextFree(run, round, next[i], end);
                next[i] = first;
                if (first == end)
                {
                    active.RemoveAt(a); // nothing left for this picker this round
                    continue;
                }

                var second = NextFree(run, round, first + 1, end);
                var regret = second == end ? double.MaxValue : round.Items[second].Cost - round.Items[first].Cost;
                if (regret > bestRegret || (regret == bestRegret && round.Picker[i] < round.Picker[best]))
                {
                    best = i;
                    bestRegret = regret;
                }
            }

            if (best < 0)
            {
                break;
            }

            round.Chosen[best] = next[best];
            run.Take(round.Items[next[best]].Slot, round.Picker[best]);
            active.Remove(best);
        }
    }

    private static int NextFree(PlanningRun run, RoundCandidates round, int from, int end)
    {
        while (from < end && run.IsTaken(round.Items[from].Slot))
        {
            from++;
        }

        return from;
    }
}
