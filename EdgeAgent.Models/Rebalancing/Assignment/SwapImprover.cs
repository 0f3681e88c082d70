namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Bounded local improvement after the greedy: a participant moves to a cheaper free candidate, or two
/// participants swap tasks when that lowers their summed cost. Stops when a pass finds nothing, after the
/// pass limit, or when most of the deadline is used.
/// </summary>
internal static class SwapImprover
{
    private const double Epsilon = 1e-6;

    public static int Improve(PlanningRun run, RoundCandidates round, int passes)
    {
        var moves = 0;
        for (var pass = 0; pass < passes && !run.Deadline.Used(0.6); pass++)
        {
            var improved = false;
            for (var i = 0; i < round.Count; i++)
            {
                if (round.Chosen[i] >= 0 && TryImprove(run, round, i))
                {
                    improved = true;
                    moves++;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return moves;
    }

    private static bool TryImprove(PlanningRun run, RoundCandidates round, int i)
    {
        var held = round.Items[round.Chosen[i]];
        for (var e = round.Start[i]; e < round.End(i); e++)
        {
            var other = round.Items[e];
            if (other.Cost >= held.Cost - Epsilon)
            {
                return false; // sorted: nothing cheaper follows
            }

            var owner = run.TakenBy(other.Slot);
            if (owner < 0)
            {
                run.Release(held.Slot);
                run.Take(other.Slot, round.Picker[i]);
                round.Chosen[i] = e;
                return true;
            }

            var q = round.ParticipantOf(owner);
            if (q < 0 || q == i || round.Chosen[q] < 0 || round.Items[round.Chosen[q]].Slot != other.Slot)
            {
                continue;
            }

            var k = round.Find(q, held.Slot);
            if (k >= 0 && other.Cost + round.Items[k].Cost < held.Cost + round.Items[round.Chosen[q]].Cost - Epsilon)
            {
                round.Chosen[i] = e;
                round.Chosen[q] = k;
                run.Take(other.Slot, round.Picker[i]);
                run.Take(held.Slot, round.Picker[q]);
                return true;
            }
        }

        return false;
    }
}
