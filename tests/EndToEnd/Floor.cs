using System.Globalization;
using System.Net.Http.Json;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Simulators.Floor;
using EdgeAgent.Simulators.Handhelds;

namespace EdgeAgent.EndToEnd;

/// <summary>A small floor for end-to-end runs: tasks released over HTTP, picker bots on real MQTT handhelds.</summary>
internal static class Floor
{
    public static string[] Devices(int count) =>
        [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"hh-{i}"))];

    public static Dictionary<string, string> Settings(string dataDirectory, int brokerPort, int devices)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{AgentProcess.FreePort()}",
            ["Broker:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Store:DataDirectory"] = dataDirectory,
            ["Governance:Operators:e2e-admin:Role"] = "Admin",
            ["Governance:Operators:e2e-admin:TokenHash"] = PasswordHash.Create(AdminToken, PasswordHash.MinimumIterations),
        };
        var ids = Devices(devices);
        for (var i = 0; i < ids.Length; i++)
        {
            settings[$"Handhelds:Devices:{i}"] = ids[i];
            settings[$"Broker:Clients:{ids[i]}:Kind"] = "handheld";
            settings[$"Broker:Clients:{ids[i]}:PasswordHash"] = PasswordHash.Create(Password(ids[i]), PasswordHash.MinimumIterations);
        }

        return settings;
    }

    public static string Password(string deviceId) => $"pw-{deviceId}";

    /// <summary>The bearer token of the admin operator every end-to-end agent has: the API needs a credential.</summary>
    public const string AdminToken = "e2e-admin-token";

    /// <summary>A client of the agent's API, acting as the admin operator.</summary>
    public static HttpClient Client(string pageUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(pageUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }

    public static async Task ReleaseAsync(string pageUrl, int count)
    {
        using var http = Client(pageUrl);
        var tasks = Enumerable.Range(1, count).Select(i => new
        {
            id = string.Create(CultureInfo.InvariantCulture, $"T-{i:0000}"),
            location = string.Create(CultureInfo.InvariantCulture, $"A-{i % 12:00}-{i % 4 + 1}"),
            sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{1000 + i}"),
            qty = 1 + (i % 5),
        });
        using var response = await http.PostAsJsonAsync("/api/tasks", tasks);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<HandheldClient> ConnectAsync(int brokerPort, string deviceId, CancellationToken ct)
    {
        var handheld = new HandheldClient(
            new HandheldClientOptions
            {
                Host = "127.0.0.1",
                Port = brokerPort,
                Site = "site1",
                DeviceId = deviceId,
                Password = Password(deviceId),
                ResendInterval = TimeSpan.FromMilliseconds(500),
            },
            TimeProvider.System);
        await handheld.ConnectAsync(ct);
        return handheld;
    }

    public static PickerBot Picker(HandheldClient handheld, int n) => new(
        handheld,
        new PickerBotOptions { PickerId = $"P-{n}", Seed = n, Walk = TimeSpan.Zero, MistakeRate = 0.1, ShortRate = 0 },
        TimeProvider.System);
}
