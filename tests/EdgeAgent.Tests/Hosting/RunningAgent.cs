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
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>The bearer token of the admin operator every running agent of the tests has (<see cref="Http"/> uses it).</summary>
    public const string AdminToken = "test-admin-token";

    public Uri BaseAddress { get; }

    /// <summary>A client without any credential.</summary>
    public HttpClient Anonymous { get; }

    public string DataDirectory { get; }

    /// <summary>A client authenticated as the tests' admin operator (<see cref="AdminToken"/>).</summary>
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
        if (!settings.ContainsKey("Governance:Operators:test-admin:Role"))
        {
            AddOperator(settings, "test-admin", "Admin", AdminToken);
        }

        settings.TryAdd("People:PasswordIterations", "10000");
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

        return await (token is null ? Anonymous : Http).SendAsync(request);
    }

    /// <summary>Adds a person who signs in to the console with <paramref name="password"/>.</summary>
    public async Task AddPersonAsync(string name, EdgeAgent.People.PersonRole role, string password)
    {
        var hash = Services.GetRequiredService<EdgeAgent.People.PasswordChecker>().Hash(password);
        var (_, problem) = await Services.GetRequiredService<EdgeAgent.Storage.DurableStore>()
            .WriteAsync(db => EdgeAgent.People.PeopleBook.Add(db, name, role, hash, DateTime.UtcNow, "test"));
        Assert.Null(problem);
    }

    /// <summary>A client of its own (cookies kept, redirects not followed), signed in as <paramref name="name"/>; and the session's anti-forgery token.</summary>
    public async Task<(HttpClient Client, string Csrf)> SignInAsync(string name, string password, System.Net.CookieContainer? jar = null)
    {
        var client = CookieClient(jar);
        using var response = await client.PostAsJsonAsync("/api/session", new { name, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (client, body.GetProperty("csrf").GetString()!);
    }

    /// <summary>A client with a cookie jar that does not follow redirects.</summary>
    public HttpClient CookieClient(System.Net.CookieContainer? jar = null) =>
        new(new HttpClientHandler { CookieContainer = jar ?? new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async Task ReleaseAsync(params NewPickTask[] tasks)
    {
        using var response = await Http.PostAsJsonAsync("/api/tasks", tasks);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
