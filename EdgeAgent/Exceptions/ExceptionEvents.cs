using EdgeAgent.Events;

namespace EdgeAgent.Exceptions;

/// <summary>The floor events an exception's life produces (so central and the KPIs see them), built from the case.</summary>
internal static class ExceptionEvents
{
    public const string Source = "exceptions";

    public static ExceptionOpened Opened(ExceptionCase c, DateTime at) => new()
    {
        At = at,
        DeviceId = Source,
        CaseId = c.Id,
        ExceptionType = c.Type,
        Subject = c.Subject,
        Severity = c.Severity.ToString(),
        Team = c.Team,
        DueAt = c.DueAt,
        TaskId = c.TaskId,
    };

    public static ExceptionEscalated Escalated(ExceptionCase c, string from, DateTime at, long decisionSeq) => new()
    {
        At = at,
        DeviceId = Source,
        CaseId = c.Id,
        ExceptionType = c.Type,
        Level = c.Level,
        From = from,
        To = c.Queue,
        DueAt = c.DueAt,
        DecisionSeq = decisionSeq,
        TaskId = c.TaskId,
    };

    public static ExceptionAcknowledged Acknowledged(ExceptionCase c, string actor, DateTime at) => new()
    {
        At = at,
        DeviceId = Source,
        CaseId = c.Id,
        ExceptionType = c.Type,
        Team = c.Team,
        Queue = c.Queue,
        By = actor,
        TaskId = c.TaskId,
    };

    /// <summary>Carries the time from routing to resolution (zero if the case was never routed).</summary>
    public static ExceptionResolved Resolved(ExceptionCase c, string code, string? actor, DateTime at) => new()
    {
        At = at,
        DeviceId = Source,
        CaseId = c.Id,
        ExceptionType = c.Type,
        Team = c.Team,
        Code = code,
        By = actor,
        Level = c.Level,
        Occurrences = c.Occurrences,
        ResolutionSeconds = Math.Max(0, (at - (c.OpenedAt ?? at)).TotalSeconds),
        TaskId = c.TaskId,
    };
}
