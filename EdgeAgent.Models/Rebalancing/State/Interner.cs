namespace EdgeAgent.Models.Rebalancing;

/// <summary>Gives each distinct string (zone, skill) a small number so eligibility checks compare ints.</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _ids.Count;
            _ids.Add(value, id);
        }

        return id;
    }
}
