using System.Text.Json.Serialization;

namespace EdgeAgent.Governance;

/// <summary>The compact JSON a governance floor event carries in its Detail, for the KPIs to fold.</summary>
public sealed record GovernanceEventDetail
{
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    [JsonPropertyName("confidence")]
    public double? Confidence { get; init; }

    [JsonPropertyName("lowConfidence")]
    public bool? LowConfidence { get; init; }

    [JsonPropertyName("fallback")]
    public bool? Fallback { get; init; }

    /// <summary>The right in effect after demotion: automated, assisted or human-only.</summary>
    [JsonPropertyName("right")]
    public string? Right { get; init; }

    [JsonPropertyName("paused")]
    public bool? Paused { get; init; }

    [JsonPropertyName("zone")]
    public string? Zone { get; init; }

    [JsonPropertyName("auditSeq")]
    public required long AuditSeq { get; init; }

    /// <summary>The decision a human action or time-out refers to.</summary>
    [JsonPropertyName("decisionSeq")]
    public long? DecisionSeq { get; init; }

    [JsonPropertyName("actor")]
    public string? Actor { get; init; }
}
