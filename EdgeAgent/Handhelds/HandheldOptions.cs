using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Handhelds;

/// <summary>The handhelds this agent serves and the limits on what they send (section <c>Handhelds</c>).</summary>
public sealed class HandheldOptions
{
    public const string Section = "Handhelds";

    /// <summary>Registered handheld ids; a message from any other device gets <c>unknown-device</c>.</summary>
    public List<string> Devices { get; } = [];

    [Range(256, 65536, ErrorMessage = "Handhelds:MaxPayloadBytes must be between 256 and 65536")]
    public int MaxPayloadBytes { get; set; } = 4096;
}
