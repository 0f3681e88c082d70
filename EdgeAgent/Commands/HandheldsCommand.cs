using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent handhelds enrol [--id ID] | revoke --id ID [--agent URL] [--token T]</c>: asks the running agent (its
/// store is locked by it) for a one-time enrolment code and prints the code and the link, or revokes a handheld. The
/// token is a supervisor's or admin's, from <c>--token</c> or <c>EDGEAGENT_TOKEN</c>.
/// </summary>
public static class HandheldsCommand
{
    public const int Done = 0;
    public const int Usage = 2;
    public const int Failed = 1;
    private const string UsageText = "Usage: EdgeAgent handhelds enrol [--id <device id>] | revoke --id <device id>  [--agent http://127.0.0.1:5080] [--token <operator token>, else EDGEAGENT_TOKEN]";
    private static readonly HashSet<string> Names = ["--id", "--agent", "--token"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["handhelds", var verb and ("enrol" or "revoke"), .. var rest]
            || CommandArguments.Parse(rest, Names, new HashSet<string>()) is not { } parsed
            || (verb == "revoke" && parsed["--id"] is null)
            || (parsed["--token"] ?? Environment.GetEnvironmentVariable("EDGEAGENT_TOKEN")) is not { Length: > 0 } token)
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        using var http = new HttpClient { BaseAddress = new Uri(parsed["--agent"] ?? "http://127.0.0.1:5080"), Timeout = TimeSpan.FromSeconds(15) };
        using var request = verb == "enrol"
            ? new HttpRequestMessage(HttpMethod.Post, "/api/handhelds/enrolments")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { deviceId = parsed["--id"] }), Encoding.UTF8, "application/json"),
            }
            : new HttpRequestMessage(HttpMethod.Delete, $"/api/handhelds/{Uri.EscapeDataString(parsed["--id"]!)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"The agent refused ({(int)response.StatusCode}): {body}");
                return Failed;
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            await output.WriteLineAsync(verb == "enrol"
                ? $"Enrolment code {root.GetProperty("code").GetString()} (works once, until {root.GetProperty("expiresAt").GetDateTime():u})\nOpen on the handheld: {root.GetProperty("url").GetString()}"
                : $"Handheld {root.GetProperty("id").GetString()} revoked: disconnected and refused from now on.");
            return Done;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"Cannot reach the agent at {http.BaseAddress}: {ex.Message} (is it running? --agent gives its address)");
            return Failed;
        }
    }
}
