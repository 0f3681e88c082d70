namespace EdgeAgent.Hosting.Systemd;

/// <summary>Registers the systemd notify and watchdog protocol (in place of UseSystemd, which reports ready at start-up).</summary>
public static class SystemdServiceCollectionExtensions
{
    public static IServiceCollection AddSystemdNotify(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SystemdNotifyOptions>().Configure(o =>
        {
            var fromSystemd = SystemdNotifyOptions.FromEnvironment();
            o.NotifySocket ??= fromSystemd.NotifySocket;
            o.WatchdogTimeout ??= fromSystemd.WatchdogTimeout;
        });
        services.AddHostedService<SystemdWatchdog>();
        return services;
    }
}
