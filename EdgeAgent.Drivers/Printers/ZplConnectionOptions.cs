using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Printers;

/// <summary>Where a ZPL printer listens and how long to wait for it.</summary>
public sealed record ZplConnectionOptions
{
    [Required]
    public required string Host { get; init; }

    /// <summary>Raw print port; 9100 on every Zebra.</summary>
    [Range(1, 65535)]
    public int Port { get; init; } = 9100;

    /// <summary>Default 3 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one job may take to hand to the socket; default 10 s.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a complete <c>~HS</c> answer; default 2 s. Past it the printer is <see cref="PrinterFaults.NoResponse"/>.</summary>
    public TimeSpan StatusTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
