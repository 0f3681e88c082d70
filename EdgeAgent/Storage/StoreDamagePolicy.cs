namespace EdgeAgent.Storage;

/// <summary>What the open does with a damaged store, once it has kept a timestamped copy of it.</summary>
public enum StoreDamagePolicy
{
    /// <summary>Refuses to start, saying what was found and what to do (the default).</summary>
    Refuse,

    /// <summary>Starts from every document that could be read, logging and filing a report of what was lost.</summary>
    Recover,
}
