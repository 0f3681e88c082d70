using System.Collections.Frozen;

namespace EdgeAgent.Fulfilment;

/// <summary>The handhelds this agent serves; a message from any other device is refused.</summary>
public sealed class HandheldRegistry
{
    private readonly FrozenSet<string> _devices;

    public HandheldRegistry(IEnumerable<string> deviceIds)
    {
        _devices = deviceIds.ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _devices.Count;

    public bool IsKnown(string deviceId) => _devices.Contains(deviceId);
}
