using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>A device topic <c>dc/{site}/{deviceKind}/{deviceId}/{channel}</c>, every segment <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
public sealed record DeviceTopic
{
    public const string Root = "dc";
    public const int MaxSegmentLength = 64;

    public DeviceTopic(string site, string deviceKind, string deviceId, string channel)
    {
        ThrowIfInvalid(site);
        ThrowIfInvalid(deviceKind);
        ThrowIfInvalid(deviceId);
        ThrowIfInvalid(channel);
        Site = site;
        DeviceKind = deviceKind;
        DeviceId = deviceId;
        Channel = channel;
    }

    public string Site { get; }

    public string DeviceKind { get; }

    public string DeviceId { get; }

    public string Channel { get; }

    /// <summary>The subscription filter for every device topic of a site: <c>dc/{site}/#</c>.</summary>
    public static string SiteFilter(string site)
    {
        ThrowIfInvalid(site);
        return $"{Root}/{site}/#";
    }

    public static bool TryParse(string? topic, [NotNullWhen(true)] out DeviceTopic? deviceTopic)
    {
        deviceTopic = null;
        if (topic is null)
        {
            return false;
        }

        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != Root)
        {
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (!IsValidSegment(parts[i]))
            {
                return false;
            }
        }

        deviceTopic = new DeviceTopic(parts[1], parts[2], parts[3], parts[4]);
        return true;
    }

    public static DeviceTopic Parse(string topic) =>
        TryParse(topic, out var deviceTopic)
            ? deviceTopic
            : throw new FormatException($"'{topic}' is not a device topic dc/{{site}}/{{deviceKind}}/{{deviceId}}/{{channel}}.");

    /// <summary>True for <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    public static bool IsValidSegment(ReadOnlySpan<char> segment)
    {
        if (segment.Length is 0 or > MaxSegmentLength)
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same device, another channel (the prompt topic answering an event topic).</summary>
    public DeviceTopic WithChannel(string channel) => new(Site, DeviceKind, DeviceId, channel);

    public override string ToString() => $"{Root}/{Site}/{DeviceKind}/{DeviceId}/{Channel}";

    private static void ThrowIfInvalid(string segment, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(segment))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(segment, name);
        if (!IsValidSegment(segment))
        {
            throw new ArgumentException($"'{segment}' must match [A-Za-z0-9_-]{{1,64}}.", name);
        }
    }
}
