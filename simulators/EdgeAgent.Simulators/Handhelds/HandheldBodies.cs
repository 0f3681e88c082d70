using System.Text.Json.Nodes;

namespace EdgeAgent.Simulators.Handhelds;

/// <summary>The bodies of the protocol's events; <see cref="HandheldClient"/> adds <c>v</c> and <c>seq</c>.</summary>
public static class HandheldBodies
{
    public static JsonObject Login(string picker) => new() { ["type"] = "login", ["picker"] = picker };

    public static JsonObject Scan(string code) => new() { ["type"] = "scan", ["code"] = code };

    public static JsonObject Confirm(int qty) => new() { ["type"] = "confirm", ["qty"] = qty };

    public static JsonObject ShortPick(int qty) => new() { ["type"] = "short", ["qty"] = qty };

    public static JsonObject Logout() => new() { ["type"] = "logout" };
}
