namespace EdgeAgent.Fulfilment;

/// <summary>
/// Per device: the last sequence number applied and the prompt that answered it, so that a
/// redelivered message gets the same answer and is never applied twice.
/// </summary>
public sealed class HandheldLedger
{
    /// <summary>How many gaps a ledger keeps.</summary>
    public const int MaxGaps = 16;

    public string Id { get; set; } = "";

    public long LastSeq { get; set; }

    /// <summary>The answer to <see cref="LastSeq"/>, as sent (UTF-8 JSON).</summary>
    public byte[] LastPrompt { get; set; } = [];

    public string? PickerId { get; set; }

    /// <summary>The number of the last prompt pushed to the device unasked (0: none yet).</summary>
    public long LastPush { get; set; }

    /// <summary>
    /// The sequence numbers jumped over (never received), as inclusive pairs from, to, oldest first;
    /// at most <see cref="MaxGaps"/> pairs. A <c>long</c> list rather than a nested document: no
    /// second type for LiteDB's mapper to map on first use.
    /// </summary>
    public List<long> Gaps { get; set; } = [];

    /// <summary>Below this, gaps were forgotten: whether a lower seq was received is not known.</summary>
    public long GapsKnownFrom { get; set; }

    /// <summary>Records the jump from <see cref="LastSeq"/> to <paramref name="seq"/>, if it skips any.</summary>
    public void RecordJumpTo(long seq)
    {
        if (seq <= LastSeq + 1)
        {
            return;
        }

        Gaps.AddRange([LastSeq + 1, seq - 1]);
        if (Gaps.Count > 2 * MaxGaps)
        {
            GapsKnownFrom = Gaps[1] + 1;
            Gaps.RemoveRange(0, 2);
        }
    }

    /// <summary>Whether a seq below <see cref="LastSeq"/> was received: true, false, or null when no longer known.</summary>
    public bool? WasReceived(long seq)
    {
        if (seq < GapsKnownFrom)
        {
            return null;
        }

        for (var i = 0; i + 1 < Gaps.Count; i += 2)
        {
            if (seq >= Gaps[i] && seq <= Gaps[i + 1])
            {
                return false;
            }
        }

        return true;
    }
}
