using Microsoft.Extensions.Hosting;

namespace CloudBridge.JetStream;

/// <summary>Creates the streams and buckets before the ingress listens, so a wrong URL or replica count fails the start.</summary>
internal sealed class JetStreamStartup(JetStreamConnection connection) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await connection.TopologyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
