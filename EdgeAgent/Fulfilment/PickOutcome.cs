using EdgeAgent.Drivers.Handhelds;

namespace EdgeAgent.Fulfilment;

/// <summary>The answer to one handheld message, and whether it was a redelivery answered from the ledger.</summary>
public sealed record PickOutcome(HandheldPrompt Prompt, bool Redelivered);
