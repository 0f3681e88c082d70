using System.Text.Json;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Governance;

/// <summary>The floor events governance records for every verdict and human action (the KPIs fold them).</summary>
public static class GovernanceEvents
{
    public const string DeviceId = "governance";
    public const string Automated = "decision.automated";
    public const string Assisted = "decision.assisted";
    public const string Recommended = "decision.recommended";
    public const string Approved = "approval.approved";
    public const string Rejected = "approval.rejected";
    public const string Edited = "approval.edited";
    public const string TimedOut = "approval.timed-out";
    public const string Overridden = "decision.overridden";
    public const string ExecutedByHand = "decision.executed-by-hand";
    public const string Paused = "automation.paused";
    public const string Resumed = "automation.resumed";
    public const string RightsChanged = "rights.changed";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static void Record(FloorCollections floor, string type, DateTime at, GovernanceEventDetail detail, string? taskId = null)
    {
        ArgumentNullException.ThrowIfNull(floor);
        floor.Record(new FloorEvent
        {
            At = at,
            Type = type,
            DeviceId = DeviceId,
            Seq = detail.AuditSeq,
            TaskId = taskId,
            Detail = JsonSerializer.Serialize(detail, Json),
        });
    }

    public static string For(VerdictKind verdict) => verdict switch
    {
        VerdictKind.Execute => Automated,
        VerdictKind.AwaitApproval => Assisted,
        _ => Recommended,
    };
}
