namespace EdgeAgent.Handhelds;

/// <summary>What a redeemed code gives the handheld: its id, its broker password (shown only here), and where to start counting.</summary>
/// <param name="NextSeq">The first <c>seq</c> to send: 1, or one past the last the agent applied for a re-enrolled id.</param>
public sealed record HandheldCredentials(string DeviceId, string Password, long NextSeq);
