namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Exact assignment over a round's candidates: one shortest augmenting path per participant (Dijkstra on
/// reduced costs, the Jonker–Volgenant scheme), so every participant that can get a free candidate gets
/// one and the summed cost is minimal among those. When exposures dwarf walking seconds, a greedy plus
/// pair swaps leaves chains of displacements undone; an augmenting path is exactly such a chain.
/// </summary>
internal sealed class ShortestPathAssigner
{
    private readonly PriorityQueue<int, double> _queue = new();
    private readonly List<int> _scanned = [];
    private readonly List<int> _touched = [];
    private int[] _column = []; // slot → column of this round (valid while _columnStamp matches)
    private int[] _columnStamp = [];
    private int _stamp;
    private int[] _owner = []; // column → participant holding it, or -1
    private double[] _price = []; // column duals
    private double[] _distance = [];
    private int[] _via = []; // column → item it was reached by
    private bool[] _done = [];
    private double[] _rowDual = [];
    private double _bound;

    public void Assign(PlanningRun run, RoundCandidates round)
    {
        Prepare(run, round);
        for (var i = 0; i < round.Count; i++)
        {
            Augment(round, i);
        }

        for (var i = 0; i < round.Count; i++)
        {
            if (round.Chosen[i] >= 0)
            {
                run.Take(round.Items[round.Chosen[i]].Slot, round.Picker[i]);
            }
        }
    }

    /// <summary>Numbers the free slots of the round as columns; taken ones are left out.</summary>
    private void Prepare(PlanningRun run, RoundCandidates round)
    {
        _stamp++;
        var columns = 0;
        Grow(ref _rowDual, round.Count);
        for (var e = 0; e < round.ItemCount; e++)
        {
            var slot = round.Items[e].Slot;
            if (slot >= _column.Length)
            {
                var n = Math.Max(slot + 1, _column.Length * 2);
                Array.Resize(ref _column, n);
                Array.Resize(ref _columnStamp, n);
            }

            if (_columnStamp[slot] != _stamp && !run.IsTaken(slot))
            {
                _columnStamp[slot] = _stamp;
                _column[slot] = columns++;
            }
        }

        Grow(ref _owner, columns);
        Grow(ref _price, columns);
        Grow(ref _distance, columns);
        Grow(ref _via, columns);
        Grow(ref _done, columns);
        Array.Fill(_owner, -1, 0, columns);
        Array.Clear(_price, 0, columns);
        Array.Fill(_distance, double.PositiveInfinity, 0, columns);
    }

    private int ColumnOf(int slot) => _columnStamp[slot] == _stamp ? _column[slot] : -1;

    /// <summary>Finds the cheapest augmenting path from participant <paramref name="start"/> and flips it.</summary>
    private void Augment(RoundCandidates round, int start)
    {
        if (TryTakeCheapestFree(round, start))
        {
            return;
        }

        _queue.Clear();
        _scanned.Clear();
        _bound = double.PositiveInfinity;
        Relax(round, start, 0);
        var found = -1;
        var total = 0.0;
        while (_queue.TryDequeue(out var column, out var distance))
        {
            if (_done[column] || distance > _distance[column])
            {
                continue;
            }

            _done[column] = true;
            _scanned.Add(column);
            if (_owner[column] < 0)
            {
                found = column;
                total = distance;
                break;
            }

            var row = _owner[column];
            Relax(round, row, distance - _rowDual[row]);
        }

        if (found >= 0)
        {
            foreach (var column in _scanned)
            {
                _price[column] += _distance[column] - total; // keeps every reduced cost ≥ 0 for the next path
                if (_owner[column] >= 0)
                {
                    _rowDual[_owner[column]] = round.Items[round.Chosen[_owner[column]]].Cost - _price[column];
                }
            }

            for (var column = found; ;)
            {
                var item = _via[column];
                var row = Participant(round, item);
                var previous = round.Chosen[row];
                round.Chosen[row] = item;
                _owner[column] = row;
                _rowDual[row] = round.Items[item].Cost - _price[column];
                if (row == start)
                {
                    break;
                }

                column = ColumnOf(round.Items[previous].Slot);
            }
        }

        foreach (var column in _scanned)
        {
            _done[column] = false;
        }

        foreach (var column in _touched)
        {
            _distance[column] = double.PositiveInfinity;
        }

        _touched.Clear();
    }

    /// <summary>
    /// Most participants' cheapest column (cost minus price) is still free: that is the shortest path, of one
    /// edge, and no price moves, so it is taken without a search.
    /// </summary>
    private bool TryTakeCheapestFree(RoundCandidates round, int row)
    {
        var best = -1;
        var bestColumn = -1;
        var bestReduced = double.PositiveInfinity;
        for (var e = round.Start[row]; e < round.End(row); e++)
        {
            var column = ColumnOf(round.Items[e].Slot);
            if (column >= 0 && round.Items[e].Cost - _price[column] < bestReduced)
            {
                best = e;
                bestColumn = column;
                bestReduced = round.Items[e].Cost - _price[column];
            }
        }

        if (best < 0)
        {
            return true; // nothing free to reach: the participant stays unassigned this round
        }

        if (_owner[bestColumn] >= 0)
        {
            return false;
        }

        round.Chosen[row] = best;
        _owner[bestColumn] = row;
        _rowDual[row] = bestReduced;
        return true;
    }

    private void Relax(RoundCandidates round, int row, double offset)
    {
        for (var e = round.Start[row]; e < round.End(row); e++)
        {
            var column = ColumnOf(round.Items[e].Slot);
            if (column < 0 || _done[column])
            {
                continue;
            }

            // Nothing at or past the cheapest free column reached so far can lie on the shortest path.
            var distance = offset + round.Items[e].Cost - _price[column];
            if (distance < _distance[column] && distance < _bound)
            {
                if (_owner[column] < 0)
                {
                    _bound = distance;
                }

                _distance[column] = distance;
                _via[column] = e;
                _touched.Add(column);
                _queue.Enqueue(column, distance);
            }
        }
    }

    private static int Participant(RoundCandidates round, int item)
    {
        // Items are stored per participant in order; a binary search over Start finds the owner.
        int lo = 0, hi = round.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (round.Start[mid] <= item)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, array.Length * 2)];
        }
    }
}
