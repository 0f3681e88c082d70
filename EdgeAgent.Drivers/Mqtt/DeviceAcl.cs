namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// What a device may do on the broker: publish only under its own id (never on the channels the agent
/// speaks on: a handheld's prompts, a printer's jobs, a PLC's diverts), and subscribe only to those channels of its own.
/// The agent may do anything.
/// The same rules ship as a Mosquitto acl_file for sites with an external broker.
/// </summary>
internal static class DeviceAcl
{
    public const string PromptChannel = "prompt";

    /// <summary>The channels only the agent writes and only the device itself reads.</summary>
    private static readonly string[] InboundChannels = [PromptChannel, "job", "divert"];

    public static bool CanPublish(ClientIdentity who, string site, string topic)
    {
        if (who.IsAgent)
        {
            return true;
        }

        var own = OwnPrefix(who, site);
        return topic.StartsWith(own, StringComparison.Ordinal)
            && topic.Length > own.Length
            && topic.IndexOf('/', own.Length) < 0
            && !InboundChannels.Contains(topic[own.Length..]);
    }

    public static bool CanSubscribe(ClientIdentity who, string site, string filter)
    {
        if (who.IsAgent)
        {
            return true;
        }

        var own = OwnPrefix(who, site);
        return filter.StartsWith(own, StringComparison.Ordinal) && InboundChannels.Contains(filter[own.Length..]);
    }

    /// <summary>The device's own prompt topic, where an error can reach it.</summary>
    public static string PromptTopic(ClientIdentity who, string site) => OwnPrefix(who, site) + PromptChannel;

    private static string OwnPrefix(ClientIdentity who, string site) => $"dc/{site}/{who.Kind}/{who.Id}/";
}
