using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EdgeAgent.Hosting;

/// <summary>Prints the one line an operator waits for: the supervisor page's address, once everything is up.</summary>
internal sealed partial class ReadyAnnouncer(IHostApplicationLifetime lifetime, IServer server, ILogger<ReadyAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var url in addresses.Select(PageUrl))
            {
                LogReady(logger, url);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A browsable URL for a listening address (a wildcard host becomes loopback).</summary>
    internal static string PageUrl(string address)
    {
        var uri = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}/";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "EdgeAgent ready: supervisor page at {Url}")]
    private static partial void LogReady(ILogger logger, string url);
}
