using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent devices add --kind handheld|scanner|printer|iolink|plc --id &lt;id&gt; [--count N] [--config FILE] [--write] [--host H]</c>:
/// makes each device a strong password, prints the <c>Broker:Clients</c> entries (hashes only) for the site file, or with
/// <c>--write</c> adds them to it, and prints what to set on each device. The passwords appear only in that last part.
/// </summary>
public static class DevicesCommand
{
    public const int Done = 0;
    public const int Usage = 2;
    private const string UsageText = "Usage: EdgeAgent devices add --kind handheld|scanner|printer|iolink|plc --id <id> [--count N] [--config FILE] [--write] [--host <broker host devices use>]\n"
        + "  --count N   adds <id>-1 … <id>-N\n  --write     adds the entries to the site file (--config, else /etc/edgeagent/edgeagent.json) instead of printing them";

    private static readonly HashSet<string> Names = ["--kind", "--id", "--count", "--config", "--host"];
    private static readonly HashSet<string> Flags = ["--write"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["devices", "add", .. var rest]
            || CommandArguments.Parse(rest, Names, Flags) is not { } parsed
            || parsed["--kind"] is not { } kindName || !DeviceKind.All.TryGetValue(kindName, out var kind)
            || parsed["--id"] is not { } id
            || !TryCount(parsed["--count"], out var count))
        {
            error.WriteLine(UsageText);
            return Usage;
        }

        var ids = count is null ? [id] : Enumerable.Range(1, count.Value).Select(i => string.Create(CultureInfo.InvariantCulture, $"{id}-{i}")).ToArray();
        if (ids.FirstOrDefault(d => !DeviceTopic.IsValidSegment(d)) is { } bad)
        {
            error.WriteLine($"'{bad}' is not a valid device id (1-64 letters, digits, '-' or '_').");
            return Usage;
        }

        var configuration = SiteConfiguration.Load(parsed["--config"]);
        var devices = ids.Select(d => new NewDevice(d, kind, NewPassword())).ToList();
        var site = configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
        var broker = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();

        if (parsed.Has("--write"))
        {
            var file = SiteConfiguration.SiteFile(parsed["--config"]);
            if (SiteFileEditor.AddClients(file, devices) is { } problem)
            {
                error.WriteLine(problem);
                return Usage;
            }

            output.WriteLine($"Added {devices.Count} {kind.Name} device(s) to {file}. Restart the agent to let them in: systemctl restart edgeagent");
        }
        else
        {
            output.WriteLine($"# Add to /etc/edgeagent/edgeagent.json (merge into the existing \"Broker\" section), then: systemctl restart edgeagent");
            output.WriteLine(Snippet(devices));
        }

        output.WriteLine();
        DeviceSheet.Write(output, devices, site, broker, parsed["--host"]);
        return Done;
    }

    internal static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    internal static string Snippet(IReadOnlyList<NewDevice> devices)
    {
        var clients = new JsonObject();
        foreach (var device in devices)
        {
            clients[device.Id] = new JsonObject { ["Kind"] = device.Kind.Name, ["PasswordHash"] = PasswordHash.Create(device.Password) };
        }

        var broker = new JsonObject { ["Clients"] = clients };
        var root = new JsonObject { ["Broker"] = broker };
        if (devices.Any(d => d.Kind.Name == "handheld"))
        {
            root["Handhelds"] = new JsonObject { ["Devices"] = new JsonArray([.. devices.Where(d => d.Kind.Name == "handheld").Select(d => (JsonNode)JsonValue.Create(d.Id))]) };
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static bool TryCount(string? text, out int? count)
    {
        count = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 500)
        {
            count = n;
            return true;
        }

        return false;
    }
}
