namespace EdgeAgent.Models.Rebalancing;

/// <summary>Slots added and removed by one sync; a task whose work changed appears as both.</summary>
internal sealed class TaskChanges
{
    public List<int> Added { get; } = [];

    public List<int> Removed { get; } = [];

    public int Unlocatable { get; set; }

    public void Clear()
    {
        Added.Clear();
        Removed.Clear();
        Unlocatable = 0;
    }
}
