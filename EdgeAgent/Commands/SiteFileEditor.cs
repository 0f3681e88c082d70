using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Commands;

/// <summary>Adds device entries to the site file: all or nothing, never over an existing id, written in place after a backup.</summary>
internal static class SiteFileEditor
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Null when done; otherwise why nothing was changed.</summary>
    public static string? AddClients(string file, IReadOnlyList<NewDevice> devices)
    {
        JsonObject root;
        try
        {
            root = File.Exists(file)
                ? JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                    ?? throw new JsonException("the file is not a JSON object")
                : [];
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return $"Cannot read {file}: {ex.Message}. Nothing was changed.";
        }

        var broker = Section(root, "Broker");
        var clients = Section(broker, "Clients");
        if (devices.FirstOrDefault(d => clients.ContainsKey(d.Id)) is { } taken)
        {
            return $"{file} already has a device '{taken.Id}'. Nothing was changed; pick other ids or remove it first.";
        }

        foreach (var device in devices)
        {
            clients[device.Id] = new JsonObject { ["Kind"] = device.Kind.Name, ["PasswordHash"] = PasswordHash.Create(device.Password) };
        }

        if (devices.Any(d => d.Kind.Name == "handheld"))
        {
            var handhelds = Section(root, "Handhelds");
            var list = handhelds["Devices"] as JsonArray ?? [];
            handhelds["Devices"] = list;
            foreach (var device in devices.Where(d => d.Kind.Name == "handheld"))
            {
                list.Add(device.Id);
            }
        }

        return Replace(file, root.ToJsonString(Indented) + "\n");
    }

    private static JsonObject Section(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    private static string? Replace(string file, string text)
    {
        // Written in place (not renamed over), so the file keeps its owner, group and mode (root:edgeagent 0640: it holds
        // hashes the agent must read); the previous version is kept next to it first, in case the write is cut short.
        var backup = file + ".bak";
        try
        {
            if (File.Exists(file))
            {
                File.Copy(file, backup, overwrite: true);
            }

            using var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
            stream.SetLength(0);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"Cannot write {file}: {ex.Message}. The previous version is in {backup}.";
        }
    }
}
