namespace EdgeAgent.Drivers.Scanners;

/// <summary>A decode failure: the code, a reason a person can act on, the AI concerned (if any) and its 0-based position in the raw scan.</summary>
public sealed record Gs1Error(Gs1ErrorCode Code, string Reason, string? Ai, int Position)
{
    public override string ToString() => $"{Code}: {Reason}";
}
