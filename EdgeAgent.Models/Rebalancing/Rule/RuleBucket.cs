namespace EdgeAgent.Models.Rebalancing;

/// <summary>The rule's tasks sharing a cut-off bucket, by aisle, with how many are still free per aisle.</summary>
internal sealed class RuleBucket(long key)
{
    public long Key { get; } = key;

    public List<List<int>> ByAisle { get; } = [];

    public List<int> FreeByAisle { get; } = [];

    public int Free { get; set; }

    public void Add(int item, int aisle)
    {
        while (ByAisle.Count <= aisle)
        {
            ByAisle.Add([]);
            FreeByAisle.Add(0);
        }

        ByAisle[aisle].Add(item);
        FreeByAisle[aisle]++;
        Free++;
    }
}
