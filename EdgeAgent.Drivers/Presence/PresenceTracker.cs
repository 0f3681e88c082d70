using System.Collections.Concurrent;
using System.Text.Json;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Drivers.Presence;

/// <summary>
/// Presence of every device from what crosses the broker: the retained <c>status</c> message (and the
/// last will that replaces it when a device drops), plus "last seen" from any of its messages. Staleness
/// is judged when asked, against the injected clock, so no timer runs per device.
/// </summary>
public sealed class PresenceTracker(PresenceOptions options, TimeProvider time)
{
    public const string StatusChannel = "status";
    private readonly ConcurrentDictionary<string, Entry> _devices = new(StringComparer.Ordinal);
    private long _badStatus;
    private long _overflow;

    /// <summary>Status messages that were not readable JSON with an <c>online</c> flag.</summary>
    public long BadStatusMessages => Interlocked.Read(ref _badStatus);

    /// <summary>Messages from new devices ignored because <see cref="PresenceOptions.MaxDevices"/> were tracked.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>
    /// Raised (on the thread that recorded the message) when a device that was offline or silent past the
    /// heartbeat is heard from again, online; not for every message.
    /// </summary>
    public event EventHandler<DevicePresence>? Returned;

    /// <summary>Whether the device is known to be away: its status says offline, or it has been silent past the heartbeat. Unknown devices are not.</summary>
    public bool IsAway(string deviceKind, string deviceId) =>
        _devices.TryGetValue($"{deviceKind}/{deviceId}", out var entry) && entry.ToPresence(time.GetUtcNow(), options.Heartbeat) is { } p && (!p.Online || p.Stale);

    /// <summary>Records a message the agent saw on a device's topic.</summary>
    public void Observe(DeviceTopic topic, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var key = $"{topic.DeviceKind}/{topic.DeviceId}";
        if (!_devices.TryGetValue(key, out var entry))
        {
            if (_devices.Count >= options.MaxDevices)
            {
                Interlocked.Increment(ref _overflow);
                return;
            }

            entry = _devices.GetOrAdd(key, _ => new Entry(topic.DeviceId, topic.DeviceKind));
        }

        var now = time.GetUtcNow();
        var status = topic.Channel == StatusChannel ? ReadStatus(payload) : null;
        bool returned;
        lock (entry)
        {
            var wasAway = !entry.Online || now - entry.LastSeen > options.Heartbeat;
            entry.LastSeen = now;
            if (status is not null)
            {
                entry.Online = status.Value.Online;
                entry.Battery = status.Value.Battery ?? entry.Battery;
                entry.AppVersion = status.Value.App ?? entry.AppVersion;
                entry.Firmware = status.Value.Firmware ?? entry.Firmware;
                if (status.Value.Zone is { } zone && !string.Equals(zone, entry.Zone, StringComparison.OrdinalIgnoreCase))
                {
                    entry.Zone = zone;
                    entry.ZoneSince = now;
                }
            }
            else if (topic.Channel != StatusChannel)
            {
                // A device that talks is online, whatever its last status said.
                entry.Online = true;
            }

            returned = wasAway && entry.Online;
        }

        if (returned && Returned is { } handlers)
        {
            handlers(this, entry.ToPresence(now, options.Heartbeat));
        }
    }

    /// <summary>Every known device, with staleness judged now.</summary>
    public IReadOnlyList<DevicePresence> Snapshot()
    {
        var now = time.GetUtcNow();
        return [.. _devices.Values.Select(e => e.ToPresence(now, options.Heartbeat)).OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.DeviceId, StringComparer.Ordinal)];
    }

    private (bool Online, int? Battery, string? App, string? Firmware, string? Zone)? ReadStatus(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("online", out var online)
                && online.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return (online.GetBoolean(), IntOrNull(root, "battery"), TextOrNull(root, "app"), TextOrNull(root, "firmware"), TextOrNull(root, "zone"));
            }
        }
        catch (JsonException)
        {
            // Counted below: a device's bad status must not take presence down.
        }

        Interlocked.Increment(ref _badStatus);
        return null;
    }

    private static int? IntOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number is >= 0 and <= 100
            ? number
            : null;

    private static string? TextOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: <= 64 } text
            ? text
            : null;

    private sealed class Entry(string deviceId, string kind)
    {
        public DateTimeOffset LastSeen { get; set; }

        public bool Online { get; set; }

        public int? Battery { get; set; }

        public string? AppVersion { get; set; }

        public string? Firmware { get; set; }

        public string? Zone { get; set; }

        public DateTimeOffset? ZoneSince { get; set; }

        public DevicePresence ToPresence(DateTimeOffset now, TimeSpan heartbeat)
        {
            lock (this)
            {
                return new DevicePresence
                {
                    DeviceId = deviceId,
                    Kind = kind,
                    Online = Online,
                    LastSeen = LastSeen,
                    Stale = Online && now - LastSeen > heartbeat,
                    Battery = Battery,
                    AppVersion = AppVersion,
                    Firmware = Firmware,
                    Zone = Zone,
                    ZoneSince = ZoneSince,
                };
            }
        }
    }
}
