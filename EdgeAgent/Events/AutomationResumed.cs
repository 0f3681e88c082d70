using System.Globalization;

namespace EdgeAgent.Events;

/// <summary>A person resumed automation for an action type or a zone.</summary>
[FloorEventType("automation.resumed")]
public sealed record AutomationResumed : FloorEvent
{
    public required string Action { get; init; }

    public string? Zone { get; init; }

    public required string Actor { get; init; }

    public long AuditSeq { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"automation of {Action}{(Zone is null ? "" : " in " + Zone)} resumed by {Actor}");
}
