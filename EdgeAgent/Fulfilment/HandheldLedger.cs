namespace EdgeAgent.Fulfilment;

/// <summary>
/// Per device: the last sequence number applied and the prompt that answered it, so that a
/// redelivered message gets the same answer and is never applied twice.
/// </summary>
public sealed class HandheldLedger
{
    public string Id { get; set; } = "";

    public long LastSeq { get; set; }

    /// <summary>The answer to <see cref="LastSeq"/>, as sent (UTF-8 JSON).</summary>
    public byte[] LastPrompt { get; set; } = [];

    public string? PickerId { get; set; }
}
