using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The task side of pruning: the most exposed free tasks (a multiple of the pickers being planned) are
/// each offered to their nearest eligible pickers. Nearest-K per picker alone never shows a picker the
/// urgent work one aisle group over, and a global urgent list runs dry after its first few takers.
/// Pickers are grouped by aisle so each task looks at the few aisles around it, not at every picker.
/// </summary>
internal sealed class UrgentPool(TaskTable tasks, BlockSet blocks, WarehouseLayout layout, RebalancerOptions options)
{
    private readonly List<List<int>> _byAisle = [];
    private List<int>[] _byParticipant = [];
    private int[] _best = [];
    private double[] _bestDistance = [];
    private BinLocation[] _from = [];

    /// <summary>The pool's tasks offered to each participant (index = position in <paramref name="participants"/>).</summary>
    public List<int>[] Offer(PlanningRun run, IReadOnlyList<int> participants)
    {
        Prepare(run, participants);
        var k = options.PickersPerUrgentTask;
        var pool = (int)Math.Ceiling(options.UrgentPoolFactor * participants.Count);
        var cap = (int)Math.Ceiling(options.UrgentBandCap * participants.Count);
        var floor = double.NegativeInfinity;
        for (var r = 0; r < run.ByExposure.Length && cap > 0 && k > 0; r++)
        {
            var slot = run.ByExposure[r];
            if (run.IsTaken(slot) || run.Exposure[slot] <= 0)
            {
                continue;
            }

            // Past the pool's size, tasks within the band of the last one still come: among near-equal
            // exposures the walk decides, so cutting a tier at an arbitrary rank hides its nearer half.
            if (pool <= 0 && run.Exposure[slot] < floor)
            {
                break;
            }

            if (--pool == 0)
            {
                floor = run.Exposure[slot] - options.UrgentBandSeconds;
            }

            cap--;
            var found = NearestPickers(run, participants, slot, k);
            for (var j = 0; j < found; j++)
            {
                _byParticipant[_best[j]].Add(slot);
            }
        }

        return _byParticipant;
    }

    private void Prepare(PlanningRun run, IReadOnlyList<int> participants)
    {
        if (_byParticipant.Length < participants.Count)
        {
            var n = Math.Max(participants.Count, _byParticipant.Length * 2);
            _byParticipant = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
            _from = new BinLocation[n];
        }

        if (_best.Length < options.PickersPerUrgentTask)
        {
            _best = new int[options.PickersPerUrgentTask];
            _bestDistance = new double[options.PickersPerUrgentTask];
        }

        foreach (var aisle in _byAisle)
        {
            aisle.Clear();
        }

        for (var i = 0; i < participants.Count; i++)
        {
            _byParticipant[i].Clear();
            _from[i] = run.PositionAfterPlan(participants[i], tasks);
            while (_byAisle.Count <= _from[i].Aisle)
            {
                _byAisle.Add([]);
            }

            _byAisle[_from[i].Aisle].Add(i);
        }
    }

    /// <summary>The k nearest eligible participants, searching aisles outwards until an aisle is farther than the k-th.</summary>
    private int NearestPickers(PlanningRun run, IReadOnlyList<int> participants, int slot, int k)
    {
        var bin = tasks.Bin[slot];
        var count = 0;
        for (var step = 0; step < 2 * _byAisle.Count; step++)
        {
            var aisle = bin.Aisle + ((step & 1) == 0 ? step / 2 : -(step + 1) / 2);
            if (count == k && Math.Abs(aisle - bin.Aisle) * layout.AisleSpacing > _bestDistance[k - 1] && step > 0)
            {
                if (Math.Abs(aisle - bin.Aisle) > _byAisle.Count)
                {
                    break;
                }

                continue;
            }

            if (aisle < 0 || aisle >= _byAisle.Count)
            {
                continue;
            }

            foreach (var i in _byAisle[aisle])
            {
                count = Offer(run, participants, i, slot, bin, k, count);
            }
        }

        return count;
    }

    /// <summary>Keeps the k nearest in a small sorted array (insertion: k is small).</summary>
    private int Offer(PlanningRun run, IReadOnlyList<int> participants, int i, int slot, BinLocation bin, int k, int count)
    {
        var distance = layout.Distance(_from[i], bin);
        if ((count == k && distance >= _bestDistance[k - 1]) || !tasks.Eligible(run.Profiles[participants[i]], blocks, slot))
        {
            return count;
        }

        var at = count == k ? k - 1 : count++;
        while (at > 0 && _bestDistance[at - 1] > distance)
        {
            _best[at] = _best[at - 1];
            _bestDistance[at] = _bestDistance[at - 1];
            at--;
        }

        _best[at] = i;
        _bestDistance[at] = distance;
        return count;
    }
}
