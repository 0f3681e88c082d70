using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Configuration;

/// <summary>Who this agent is on the floor: its site and gateway ids (section <c>EdgeAgent</c>).</summary>
public sealed class AgentOptions
{
    public const string Section = "EdgeAgent";

    [Required(ErrorMessage = "EdgeAgent:Site is required (the site id used in MQTT topics, e.g. \"site1\")")]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "EdgeAgent:Site must be 1-64 letters, digits, '-' or '_' (it is an MQTT topic level)")]
    public string Site { get; set; } = "site1";

    [Required(ErrorMessage = "EdgeAgent:GatewayId is required")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "EdgeAgent:GatewayId must be 1-64 letters, digits, '.', '-' or '_'")]
    public string GatewayId { get; set; } = "gw1";

    /// <summary>Console log lines: readable text on a terminal and JSON otherwise (Auto), or always one of them.</summary>
    public ConsoleFormat ConsoleFormat { get; set; } = ConsoleFormat.Auto;

    /// <summary>Rolling log file path; empty logs to the console only.</summary>
    public string? LogFile { get; set; }
}
