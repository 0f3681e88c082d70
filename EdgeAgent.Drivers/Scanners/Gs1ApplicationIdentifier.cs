namespace EdgeAgent.Drivers.Scanners;

/// <summary>What one application identifier's data must look like.</summary>
internal sealed record Gs1ApplicationIdentifier(string Ai, string Title, Gs1ValueKind Kind, int MinLength, int MaxLength)
{
    public bool IsNumeric => Kind != Gs1ValueKind.Alphanumeric;

    public bool IsFixedLength => MinLength == MaxLength;

    /// <summary>True when the AI is in the predefined-length table, so no FNC1 separator follows its data.</summary>
    public bool IsPredefinedLength => Gs1PredefinedLength.TotalLength(Ai) is not null;
}
