namespace EdgeAgent.Exceptions;

/// <summary>The floor events the bridge watcher records about the link to central.</summary>
public static class BridgeEvents
{
    public const string Unreachable = "bridge.unreachable";
    public const string Recovered = "bridge.recovered";
    public const string Central = "central";
}
