using System.Globalization;
using CloudBridge.Ingress;
using EdgeAgent.Configuration;
using EdgeAgent.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Demo;

/// <summary>
/// The demo's stand-in for central: the reference ingress with its file sink, on loopback, so the
/// floor's events visibly leave the gateway through the real bridge.
/// </summary>
internal sealed partial class DemoCentral(IOptions<DemoOptions> options, IOptions<AgentOptions> agent, ILogger<DemoCentral> logger) : IHostedService, IAsyncDisposable
{
    public const string GatewayToken = "demo-gateway-token";
    private WebApplication? _ingress;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.CentralPort == 0)
        {
            return;
        }

        var port = demo.CentralPort.ToString(CultureInfo.InvariantCulture);
        _ingress = IngressApp.Build(
        [
            $"--Ingress:Port={port}",
            $"--Ingress:DataDirectory={demo.CentralDataDirectory}",
            $"--Ingress:Gateways:{agent.Value.GatewayId}:Token={GatewayToken}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _ingress.StartAsync(cancellationToken);
        LogStarted(logger, port, demo.CentralDataDirectory);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_ingress is not null)
        {
            await _ingress.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ingress, null) is { } ingress)
        {
            await ingress.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Demo central: reference ingress on 127.0.0.1:{Port}, storing to {Directory}")]
    private static partial void LogStarted(ILogger logger, string port, string directory);
}
