using EdgeAgent.Drivers.Handhelds;

namespace EdgeAgent.Fulfilment;

/// <summary>A prompt the agent sends a handheld on its own, once the write that decided it is on disk.</summary>
public sealed record PushedPrompt(string DeviceId, HandheldPrompt Prompt);
