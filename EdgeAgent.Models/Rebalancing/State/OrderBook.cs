namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Orders with open lines, numbered while they have any: per-order work is then summed in arrays, not
/// dictionaries. A number is reused only after its order closed, with a new version.
/// </summary>
internal sealed class OrderBook
{
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private int[] _lines = new int[256];

    public string[] Ids { get; private set; } = new string[256];

    public int[] Version { get; private set; } = new int[256];

    /// <summary>Indexes below this may be in use.</summary>
    public int HighWater { get; private set; }

    public int Acquire(string orderId)
    {
        if (_byId.TryGetValue(orderId, out var index))
        {
            _lines[index]++;
            return index;
        }

        index = _free.Count > 0 ? _free.Pop() : HighWater++;
        if (index >= Ids.Length)
        {
            var n = Ids.Length * 2;
            Ids = Grow(Ids, n);
            Version = Grow(Version, n);
            _lines = Grow(_lines, n);
        }

        Ids[index] = orderId;
        Version[index]++;
        _lines[index] = 1;
        _byId.Add(orderId, index);
        return index;
    }

    public void Release(int index)
    {
        if (--_lines[index] == 0)
        {
            _byId.Remove(Ids[index]);
            _free.Push(index);
        }
    }

    private static T[] Grow<T>(T[] array, int size)
    {
        var grown = new T[size];
        Array.Copy(array, grown, array.Length);
        return grown;
    }
}
