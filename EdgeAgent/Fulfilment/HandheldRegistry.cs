using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// The handhelds this agent serves: those the site file names, and those enrolled from the console while it runs;
/// a message from any other device is refused.
/// </summary>
public sealed class HandheldRegistry
{
    private readonly FrozenSet<string> _devices;
    private readonly ConcurrentDictionary<string, byte> _enrolled = new(StringComparer.Ordinal);

    public HandheldRegistry(IEnumerable<string> deviceIds)
    {
        _devices = deviceIds.ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _devices.Count + _enrolled.Count;

    public bool IsKnown(string deviceId) => _devices.Contains(deviceId) || _enrolled.ContainsKey(deviceId);

    /// <summary>Whether the site file names this device (it cannot be enrolled or revoked from the console).</summary>
    public bool IsConfigured(string deviceId) => _devices.Contains(deviceId);

    /// <summary>Serves an enrolled handheld from now on.</summary>
    public void Enrol(string deviceId) => _enrolled[deviceId] = 0;

    /// <summary>Stops serving a revoked handheld; false when it was not enrolled.</summary>
    public bool Revoke(string deviceId) => _enrolled.TryRemove(deviceId, out _);
}
