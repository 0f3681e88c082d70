namespace EdgeAgent.Drivers.Presence;

/// <summary>What the floor knows of one device: online, last heard from, and what it says of itself.</summary>
public sealed record DevicePresence
{
    public required string DeviceId { get; init; }

    public required string Kind { get; init; }

    /// <summary>As the device last said on its retained status topic (or its last will said for it).</summary>
    public required bool Online { get; init; }

    /// <summary>The last time anything was heard from the device.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Online, but silent for longer than the heartbeat: probably out of range or frozen.</summary>
    public bool Stale { get; init; }

    /// <summary>Battery charge in percent, for handhelds that report it.</summary>
    public int? Battery { get; init; }

    public string? AppVersion { get; init; }

    public string? Firmware { get; init; }

    /// <summary>
    /// The floor zone the device says it is in (its status's <c>zone</c>: from the Wi-Fi access point or a
    /// location beacon it sees, or the zone the picker chose in the app); null when it never said.
    /// </summary>
    public string? Zone { get; init; }

    /// <summary>When the device first reported the <see cref="Zone"/> it is in now.</summary>
    public DateTimeOffset? ZoneSince { get; init; }
}
