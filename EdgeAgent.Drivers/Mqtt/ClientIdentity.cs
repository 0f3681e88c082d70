namespace EdgeAgent.Drivers.Mqtt;

/// <summary>Who a connected client proved to be: the agent itself, or one device of one kind.</summary>
internal sealed record ClientIdentity(string Id, string Kind, bool IsAgent)
{
    public static ClientIdentity Agent(string id) => new(id, "", IsAgent: true);
}
