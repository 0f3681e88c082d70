using System.Globalization;

namespace EdgeAgent.Hosting.Systemd;

/// <summary>What systemd passes a <c>Type=notify</c> service: where to report, and how often it must hear WATCHDOG=1.</summary>
public sealed class SystemdNotifyOptions
{
    /// <summary>The notification socket (<c>NOTIFY_SOCKET</c>); null when not run by systemd.</summary>
    public string? NotifySocket { get; set; }

    /// <summary>systemd's <c>WatchdogSec</c> (<c>WATCHDOG_USEC</c>); null when the unit has no watchdog.</summary>
    public TimeSpan? WatchdogTimeout { get; set; }

    /// <summary>Reads the variables systemd sets; a watchdog meant for another process (WATCHDOG_PID) is not ours.</summary>
    public static SystemdNotifyOptions FromEnvironment()
    {
        var socket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        TimeSpan? watchdog = null;
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        var ours = pid is null || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (ours && long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0)
        {
            watchdog = TimeSpan.FromMicroseconds(usec);
        }

        return new SystemdNotifyOptions
        {
            NotifySocket = string.IsNullOrEmpty(socket) ? null : socket,
            WatchdogTimeout = watchdog,
        };
    }
}
