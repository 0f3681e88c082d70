using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Handhelds;

/// <summary>The handhelds this agent serves and the limits on what they send (section <c>Handhelds</c>).</summary>
public sealed class HandheldOptions
{
    public const string Section = "Handhelds";

    /// <summary>Registered handheld ids; a message from any other device (not enrolled either) gets <c>unknown-device</c>.</summary>
    public List<string> Devices { get; } = [];

    [Range(256, 65536, ErrorMessage = "Handhelds:MaxPayloadBytes must be between 256 and 65536")]
    public int MaxPayloadBytes { get; set; } = 4096;

    /// <summary>How long a one-time enrolment code works (default 15 minutes).</summary>
    [Range(1, 1440, ErrorMessage = "Handhelds:EnrolmentCodeMinutes must be between 1 and 1440")]
    public int EnrolmentCodeMinutes { get; set; } = 15;

    /// <summary>Wrong enrolment codes accepted per minute, across all callers, before the agent answers "wait a minute".</summary>
    [Range(1, 10000, ErrorMessage = "Handhelds:MaxWrongEnrolmentCodesPerMinute must be between 1 and 10000")]
    public int MaxWrongEnrolmentCodesPerMinute { get; set; } = 20;

    /// <summary>
    /// The address handhelds open the app at (e.g. <c>http://gateway.dc1.local:5080</c>), for enrolment links; empty uses
    /// the address the supervisor's request came in on.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Where the handheld app reaches the broker: empty for the embedded broker on this agent (<c>Broker:WebSocketPath</c>
    /// on the same address); with an external broker its WebSocket listener, e.g. <c>wss://broker.dc1.local:8081/mqtt</c>.
    /// </summary>
    public string? BrokerWebSocketUrl { get; set; }

    /// <summary>What ends a scan in the app: <c>Enter</c> (default) or <c>Tab</c>, as the scanners' keyboard wedge is set up.</summary>
    [RegularExpression("^(Enter|Tab)$", ErrorMessage = "Handhelds:ScanTerminator must be Enter or Tab")]
    public string ScanTerminator { get; set; } = "Enter";
}
