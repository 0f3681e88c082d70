namespace EdgeAgent.Drivers.Scanners;

/// <summary>How an AI's data is validated beyond its length.</summary>
internal enum Gs1ValueKind
{
    Numeric,
    NumericWithCheckDigit,
    Date,
    Alphanumeric,
}
