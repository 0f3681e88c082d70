namespace EdgeAgent.Drivers.Scanners;

/// <summary>One GS1 element: application identifier, its data as scanned, and where it started in the raw scan.</summary>
public sealed record Gs1Element(string Ai, string Value, int Position)
{
    /// <summary>For date AIs (11, 12, 13, 15, 16, 17): the date, day 00 resolved to the month's last day.</summary>
    public DateOnly? Date { get; init; }
}
