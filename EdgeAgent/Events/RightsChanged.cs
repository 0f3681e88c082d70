using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>An admin changed the decision-rights matrix.</summary>
[FloorEventType("rights.changed")]
public sealed record RightsChanged : FloorEvent
{
    public required string Actor { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"decision rights changed by {Actor}");
}
