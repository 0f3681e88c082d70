using System.Net.Http.Json;
using EdgeAgent.Broker;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>The whole agent in this process: real Kestrel, real embedded broker, real store, all on free loopback ports.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDirectory;

    private RunningAgent(WebApplication app, string dataDirectory, bool ownsDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public int BrokerPort => Services.GetRequiredService<AgentBroker>().Port;

    public static Dictionary<string, string> Settings(string dataDirectory, params string[] devices)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:Port"] = "0",
            ["Store:DataDirectory"] = dataDirectory,
            ["EdgeAgent:Site"] = "site1",
        };
        for (var i = 0; i < devices.Length; i++)
        {
            settings[$"Handhelds:Devices:{i}"] = devices[i];
            settings[$"Broker:Clients:{devices[i]}:Kind"] = "handheld";
            settings[$"Broker:Clients:{devices[i]}:PasswordHash"] = PasswordHash.Create(Password(devices[i]), PasswordHash.MinimumIterations);
        }

        return settings;
    }

    /// <summary>The broker password of a test device.</summary>
    public static string Password(string deviceId) => $"pw-{deviceId}";

    public static Task<RunningAgent> StartAsync(params string[] devices) =>
        StartAsync(Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, devices), ownsDirectory: true);

    public static async Task<RunningAgent> StartAsync(Dictionary<string, string> settings, bool ownsDirectory = false, AgentHostOptions? host = null)
    {
        var app = AgentHost.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")], host);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningAgent(app, settings["Store:DataDirectory"], ownsDirectory);
    }

    /// <summary>Adds an operator (<c>Supervisor</c> or <c>Admin</c>) who acts with <paramref name="token"/>.</summary>
    public static void AddOperator(Dictionary<string, string> settings, string name, string role, string token)
    {
        settings[$"Governance:Operators:{name}:Role"] = role;
        settings[$"Governance:Operators:{name}:TokenHash"] = PasswordHash.Create(token, PasswordHash.MinimumIterations);
    }

    /// <summary>A request as an operator: with their bearer token when given, and a JSON body when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (!string.IsNullOrEmpty(body))
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    public async Task ReleaseAsync(params NewPickTask[] tasks)
    {
        using var response = await Http.PostAsJsonAsync("/api/tasks", tasks);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
