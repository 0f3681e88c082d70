namespace EdgeAgent.Drivers.Mqtt;

/// <summary>
/// What a device may do on the broker: publish only under its own id (never on its prompt channel,
/// which is the agent's voice), and subscribe only to its own prompts. The agent may do anything.
/// The same rules ship as a Mosquitto acl_file for sites with an external broker.
/// </summary>
internal static class DeviceAcl
{
    public const string PromptChannel = "prompt";

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
            && topic[own.Length..] != PromptChannel;
    }

    public static bool CanSubscribe(ClientIdentity who, string site, string filter) =>
        who.IsAgent || filter == OwnPrefix(who, site) + PromptChannel;

    /// <summary>The device's own prompt topic, where an error can reach it.</summary>
    public static string PromptTopic(ClientIdentity who, string site) => OwnPrefix(who, site) + PromptChannel;

    private static string OwnPrefix(ClientIdentity who, string site) => $"dc/{site}/{who.Kind}/{who.Id}/";
}
