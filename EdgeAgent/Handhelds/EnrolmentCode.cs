namespace EdgeAgent.Handhelds;

/// <summary>
/// A one-time enrolment code as the store keeps it: only its SHA-256 (the code itself is shown once, to the supervisor
/// who made it), when it expires, and whether it was used.
/// </summary>
public sealed class EnrolmentCode
{
    /// <summary>SHA-256 of the normalised code, hex.</summary>
    public string Id { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>The operator who made it (the audit actor).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The device id the supervisor chose for the handheld; null lets the agent make one.</summary>
    public string? DeviceId { get; set; }

    public DateTime? RedeemedAt { get; set; }

    /// <summary>The device the code enrolled.</summary>
    public string? RedeemedAs { get; set; }
}
