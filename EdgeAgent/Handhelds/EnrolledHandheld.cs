namespace EdgeAgent.Handhelds;

/// <summary>A handheld enrolled from the console: its broker login (hashed) and who let it in or revoked it, when.</summary>
public sealed class EnrolledHandheld
{
    /// <summary>The device id: client id, MQTT user name and topic segment.</summary>
    public string Id { get; set; } = "";

    /// <summary>See <see cref="Drivers.Mqtt.PasswordHash"/>; the password itself went to the handheld once and is kept nowhere else.</summary>
    public string PasswordHash { get; set; } = "";

    public DateTime EnrolledAt { get; set; }

    /// <summary>The operator whose code the handheld used.</summary>
    public string EnrolledBy { get; set; } = "";

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
