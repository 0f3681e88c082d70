namespace EdgeAgent.Drivers.Sensors;

/// <summary>An IO-Link master's number on one message it published: one counter per master, over all its ports.</summary>
public readonly record struct IoLinkMessageNumber(string MasterId, long Seq);
