using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Browser.Tests.Handheld;

/// <summary>
/// The whole agent in this process on real Kestrel and its embedded broker, on a fixed free port and a store directory
/// of its own, so it can be stopped and started again at the same address with the same store (an agent restart as the
/// handheld sees it).
/// </summary>
internal sealed class HandheldAgent : IAsyncDisposable
{
    public const string SupervisorToken = "browser-supervisor-token";
    private const string IntegrationToken = "erp-integration-token";
    private readonly Dictionary<string, string> _settings;
    private WebApplication? _app;

    private HandheldAgent(Dictionary<string, string> settings, string dataDirectory, Uri address)
    {
        _settings = settings;
        DataDirectory = dataDirectory;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The agent is stopped")).Services;

    public static async Task<HandheldAgent> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("edgeagent-browser-").FullName;
        var port = FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Broker:Port"] = "0",
            ["Store:DataDirectory"] = dataDirectory,
            ["EdgeAgent:Site"] = "site1",
            ["Governance:Operators:sam:Role"] = "Supervisor",
            ["Governance:Operators:sam:TokenHash"] = PasswordHash.Create(SupervisorToken, PasswordHash.MinimumIterations),
            // Releasing tasks needs an admin or an integration token, as the ERP has.
            ["Governance:Operators:erp:Role"] = "Integration",
            ["Governance:Operators:erp:TokenHash"] = PasswordHash.Create(IntegrationToken, PasswordHash.MinimumIterations),
        };
        var agent = new HandheldAgent(settings, dataDirectory, new Uri($"http://127.0.0.1:{port}"));
        await agent.StartAgainAsync();
        return agent;
    }

    /// <summary>Starts the agent (again) at the same address on the same store.</summary>
    public async Task StartAgainAsync()
    {
        var app = AgentHost.Build([.. _settings.Select(kv => $"--{kv.Key}={kv.Value}")]);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops the agent as systemd would (the store closes cleanly); the address stays dark until started again.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A one-time enrolment link, as a supervisor makes one on the enrolment page.</summary>
    public async Task<string> EnrolmentUrlAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/handhelds/enrolments");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SupervisorToken);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("url").GetString()!;
    }

    public async Task RevokeAsync(string deviceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/handhelds/{deviceId}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SupervisorToken);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task ReleaseAsync(params NewPickTask[] tasks)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(tasks) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IntegrationToken);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public T Read<T>(Func<FloorCollections, T> query) =>
        Services.GetRequiredService<DurableStore>().Read(db => query(new FloorCollections(db)));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
