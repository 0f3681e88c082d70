using System.Net.Http.Json;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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

    public int BrokerPort => Services.GetRequiredService<BrokerHost>().Port;

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

    public static async Task<RunningAgent> StartAsync(Dictionary<string, string> settings, bool ownsDirectory = false)
    {
        var app = AgentHost.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]);
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
