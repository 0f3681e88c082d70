using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Hosting;
using EdgeAgent.Hosting.Systemd;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Hosting;

/// <summary>The sd_notify protocol as systemd sees it: a Unix datagram socket bound where NOTIFY_SOCKET points.</summary>
public sealed class SystemdWatchdogTests : IDisposable
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMilliseconds(900);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-notify-").FullName;
    private readonly Socket _systemd = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SystemdWatchdogTests() => _systemd.Bind(new UnixDomainSocketEndPoint(SocketPath));

    private string SocketPath => Path.Combine(_directory, "notify");

    public void Dispose()
    {
        _systemd.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ReportsReady_WithReadyzAt200_ThenFeedsTheWatchdog_AndSaysStoppingAtShutdown()
    {
        var agent = await StartAgentAsync(RunningAgent.Settings(Path.Combine(_directory, "data"), "hh-1"));
        await using (agent)
        {
            Assert.Equal("READY=1", await NextAsync(TimeSpan.FromSeconds(30)));
            using var ready = await agent.Http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("WATCHDOG=1", await NextAsync(Watchdog));
            Assert.Equal("WATCHDOG=1", await NextAsync(Watchdog));
        }

        var rest = new List<string>();
        while (await NextAsync(TimeSpan.FromSeconds(1)) is { } message)
        {
            rest.Add(message);
        }

        Assert.Contains("STOPPING=1", rest);
    }

    [Fact]
    public async Task WedgedStoreWriter_StopsTheFeed_UntilItCommitsAgain()
    {
        await using var agent = await StartAgentAsync(RunningAgent.Settings(Path.Combine(_directory, "data"), "hh-1"));
        Assert.Equal("READY=1", await NextAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("WATCHDOG=1", await NextAsync(Watchdog));

        // A change that never returns holds the single writer: nothing behind it commits.
        using var release = new ManualResetEventSlim();
        var wedge = agent.Services.GetRequiredService<DurableStore>().WriteAsync(_ => release.Wait(TimeSpan.FromMinutes(1)));
        await Task.Delay(Watchdog / 3);
        Drain();

        // systemd would have killed the agent: three watchdog periods without one WATCHDOG=1.
        var silence = DateTime.UtcNow + (3 * Watchdog);
        while (DateTime.UtcNow < silence)
        {
            Assert.NotEqual("WATCHDOG=1", await NextAsync(silence - DateTime.UtcNow));
        }

        release.Set();
        Assert.True(await wedge);
        Assert.Equal("WATCHDOG=1", await NextAsync(2 * Watchdog));
    }

    [Fact]
    public async Task FailedFsync_StopsTheFeed_SoSystemdRestartsTheAgent()
    {
        await using var agent = await StartAgentAsync(RunningAgent.Settings(Path.Combine(_directory, "data"), "hh-1"));
        Assert.Equal("READY=1", await NextAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("WATCHDOG=1", await NextAsync(Watchdog));

        var store = agent.Services.GetRequiredService<DurableStore>();
        store.LogSync.FlushToDisk = _ => throw new IOException("injected EIO");
        await Assert.ThrowsAsync<StoreFaultedException>(() => store.WriteAsync(_ => true));
        store.LogSync.FlushToDisk = static log => log.Flush(flushToDisk: true);
        await Task.Delay(Watchdog / 3);
        Drain();

        // Later fsyncs would succeed, yet no feed comes: three watchdog periods without one WATCHDOG=1.
        var silence = DateTime.UtcNow + (3 * Watchdog);
        while (DateTime.UtcNow < silence)
        {
            Assert.NotEqual("WATCHDOG=1", await NextAsync(silence - DateTime.UtcNow));
        }
    }

    [Fact]
    public async Task ExternalBrokerUnreachable_NoReady_UntilItAnswers()
    {
        var port = FreePort();
        var settings = RunningAgent.Settings(Path.Combine(_directory, "data"));
        settings["Broker:Mode"] = "External";
        settings["Broker:Host"] = "127.0.0.1";
        settings["Broker:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var agent = await StartAgentAsync(settings);

        // Started (the host waits a few seconds for the broker, then serves /readyz as 503).
        using (var notReady = await agent.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        }

        Assert.Null(await NextAsync(TimeSpan.FromSeconds(2)));

        await using var broker = new EmbeddedBroker(
            Options.Create(new EmbeddedBrokerOptions { Port = port, Authentication = BrokerAuthentication.Off }),
            NullLogger<EmbeddedBroker>.Instance,
            TimeProvider.System);
        await broker.StartAsync(CancellationToken.None);

        Assert.Equal("READY=1", await NextAsync(TimeSpan.FromSeconds(30)));
        using var ready = await agent.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private Task<RunningAgent> StartAgentAsync(Dictionary<string, string> settings) =>
        RunningAgent.StartAsync(settings, ownsDirectory: false, new AgentHostOptions
        {
            AfterParts = (services, _) => services.Configure<SystemdNotifyOptions>(o =>
            {
                o.NotifySocket = SocketPath;
                o.WatchdogTimeout = Watchdog;
            }),
        });

    private async Task<string?> NextAsync(TimeSpan within)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(within);
        try
        {
            var received = await _systemd.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, received);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Drain()
    {
        var buffer = new byte[256];
        while (_systemd.Available > 0)
        {
            _systemd.Receive(buffer);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
