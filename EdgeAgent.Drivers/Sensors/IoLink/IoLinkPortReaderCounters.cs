namespace EdgeAgent.Drivers.Sensors;

/// <summary>What an <see cref="IoLinkPortReader"/> received, by outcome.</summary>
public sealed record IoLinkPortReaderCounters(long Received, long Changed, long Unchanged, long Duplicates, long Malformed, long UnknownPorts, long NotPortTopics, long ClockSkewed);
