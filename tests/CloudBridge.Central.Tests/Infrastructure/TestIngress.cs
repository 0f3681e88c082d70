using CloudBridge.Ingress;
using Microsoft.AspNetCore.Builder;

namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>The real ingress in-process on a loopback port; stopping it aborts every connection like a crash.</summary>
public sealed class TestIngress : IAsyncDisposable
{
    public const string GatewayId = "dc-1";
    public const string GatewayToken = "token-dc-1";
    public const string AdminToken = "token-admin";

    private WebApplication? _app;
    private readonly string[] _args;

    private TestIngress(string dataDirectory, string[] args)
    {
        DataDirectory = dataDirectory;
        _args = args;
    }

    public string DataDirectory { get; }

    public int Port { get; private set; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the ingress on the file sink, or on JetStream when <paramref name="jetStream"/> says where.</summary>
    public static async Task<TestIngress> StartAsync(string dataDirectory, int port = 0, Action<IngressOptions>? configure = null, JetStreamTarget? jetStream = null)
    {
        var ingress = new TestIngress(dataDirectory, jetStream?.Args() ?? []);
        await ingress.StartOnAsync(port, configure);
        return ingress;
    }

    public static void Configure(IngressOptions o, string dataDirectory, int port)
    {
        o.DataDirectory = dataDirectory;
        o.Port = port;
        o.AdminToken = AdminToken;
        o.Gateways[GatewayId] = new GatewayCredential { Token = GatewayToken };
        o.Gateways["dc-2"] = new GatewayCredential { Token = "token-dc-2" };
    }

    /// <summary>Aborts connections at once (a cancelled stop), so the edge sees what a crash looks like on the wire.</summary>
    public async Task KillAsync()
    {
        if (_app is null)
        {
            return;
        }

        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _app.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Starts again on the same port and data directory.</summary>
    public Task RestartAsync(Action<IngressOptions>? configure = null) => StartOnAsync(Port, configure);

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task StartOnAsync(int port, Action<IngressOptions>? configure)
    {
        _app = IngressApp.Build(["--Logging:LogLevel:Default=Warning", .. _args], o =>
        {
            Configure(o, DataDirectory, port);
            configure?.Invoke(o);
        });
        await _app.StartAsync();
        Port = IngressApp.BoundPort(_app);
    }
}
