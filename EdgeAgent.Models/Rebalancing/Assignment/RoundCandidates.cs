using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// One round's candidate lists, flat: participant i owns Items[Start[i]..Start[i+1]), sorted by cost once
/// scored. The rows still to score sit beside them so the whole round goes to the model as one batch.
/// </summary>
internal sealed class RoundCandidates
{
    private int[] _participantOf = [];
    private long[] _keys = [];

    public int Count { get; private set; }

    public int[] Picker { get; private set; } = new int[64];

    public int[] Start { get; private set; } = new int[65];

    public int[] Chosen { get; private set; } = new int[64];

    public Candidate[] Items { get; private set; } = new Candidate[4096];

    public int ItemCount { get; private set; }

    public PickFeatures[] Rows { get; private set; } = new PickFeatures[1024];

    public float[] RowSeconds { get; private set; } = new float[1024];

    public int[] RowItem { get; private set; } = new int[1024];

    public long[] RowKey { get; private set; } = new long[1024];

    public int[] RowCongestion { get; private set; } = new int[1024];

    public int RowCount { get; private set; }

    public void Reset(int pickers)
    {
        Count = ItemCount = RowCount = 0;
        if (_participantOf.Length < pickers)
        {
            _participantOf = new int[Math.Max(pickers, _participantOf.Length * 2)];
        }

        Array.Fill(_participantOf, -1);
    }

    /// <summary>The participant index of a picker in this round, or -1.</summary>
    public int ParticipantOf(int picker) => _participantOf[picker];

    public void BeginParticipant(int picker)
    {
        if (Count + 1 >= Picker.Length)
        {
            Picker = Grow(Picker);
            Chosen = Grow(Chosen);
            Start = Grow(Start);
        }

        _participantOf[picker] = Count;
        Picker[Count] = picker;
        Chosen[Count] = -1;
        Start[Count] = ItemCount;
    }

    public void EndParticipant() => Start[++Count] = ItemCount;

    public int End(int participant) => Start[participant + 1];

    public int AddItem(Candidate candidate)
    {
        if (ItemCount == Items.Length)
        {
            Items = Grow(Items);
        }

        Items[ItemCount] = candidate;
        return ItemCount++;
    }

    public void AddRow(int item, long key, int congestion, in PickFeatures row)
    {
        if (RowCount == Rows.Length)
        {
            Rows = Grow(Rows);
            RowSeconds = Grow(RowSeconds);
            RowItem = Grow(RowItem);
            RowKey = Grow(RowKey);
            RowCongestion = Grow(RowCongestion);
        }

        Rows[RowCount] = row;
        RowItem[RowCount] = item;
        RowKey[RowCount] = key;
        RowCongestion[RowCount] = congestion;
        RowCount++;
    }

    /// <summary>Costs from the scored seconds, then each participant's list cheapest first.</summary>
    public void SortByCost()
    {
        if (_keys.Length < ItemCount)
        {
            _keys = new long[Items.Length];
        }

        for (var i = 0; i < ItemCount; i++)
        {
            Items[i].Cost = Items[i].Seconds - Items[i].Exposure;
            _keys[i] = SortKey(Items[i]);
        }

        for (var p = 0; p < Count; p++)
        {
            Array.Sort(_keys, Items, Start[p], Start[p + 1] - Start[p]);
        }
    }

    /// <summary>
    /// Cheapest first, equal costs (to the millisecond) in request order, as one integer so the sort runs on
    /// primitives: a round sorts thousands of candidates and a comparer delegate costs several times more.
    /// </summary>
    private static long SortKey(in Candidate c) =>
        (((long)Math.Round(Math.Clamp(c.Cost, -1e6, 1e6) * 1e3) + (1L << 30)) << 22) | (uint)(c.Input & 0x3FFFFF);

    /// <summary>The item of a participant's list holding the slot, or -1.</summary>
    public int Find(int participant, int slot)
    {
        for (var e = Start[participant]; e < Start[participant + 1]; e++)
        {
            if (Items[e].Slot == slot)
            {
                return e;
            }
        }

        return -1;
    }

    private static T[] Grow<T>(T[] array)
    {
        var grown = new T[array.Length * 2];
        Array.Copy(array, grown, array.Length);
        return grown;
    }
}
