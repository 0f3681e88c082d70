using System.Globalization;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Planning;
using EdgeAgent.ShiftScenario.Truth;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>The agent's configuration for one run: free ports, a fresh store, the roster's devices and profiles, one policy.</summary>
internal static class AgentConfiguration
{
    /// <summary>The scripted supervisor's bearer token: scenario only, known to anyone who reads this.</summary>
    public const string SupervisorToken = "scenario-supervisor-token";

    public const string Supervisor = "scenario-supervisor";

    public static string Password(string deviceId) => $"shift-{deviceId}";

    public static Dictionary<string, string?> For(ShiftTruth truth, PlanningPolicy policy, string dataDirectory, int httpPort, CentralErp central)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}"),
            ["Broker:Port"] = "0",
            ["Broker:BindAddress"] = "127.0.0.1",
            ["EdgeAgent:ConsoleFormat"] = "Text",
            ["Store:DataDirectory"] = dataDirectory,
            ["Planning:Policy"] = policy.ToString(),
            // The runner asks for each plan on the shift clock, so the same seed makes the same plans.
            ["Planning:DrivenByCaller"] = "true",
            // The uplink runs on wall time and the shift clock jumps: an event not yet acknowledged would look minutes
            // old. The bridge's health is not what this runner measures, so its watch never raises here.
            ["Exceptions:Bridge:MaxUnackedAge"] = "1.00:00:00",
            ["Exceptions:Bridge:UnreachableAfter"] = "1.00:00:00",
            ["EdgeAgent:GatewayId"] = CentralErp.Gateway,
            [Bridge.BridgeServiceCollectionExtensions.UplinkAddressKey] = central.Address,
            ["CloudBridge:Uplink:Token"] = CentralErp.GatewayToken,
            [$"Governance:Operators:{Supervisor}:Role"] = "Supervisor",
            [$"Governance:Operators:{Supervisor}:TokenHash"] = PasswordHash.Create(SupervisorToken, PasswordHash.MinimumIterations),
        };
        for (var i = 0; i < truth.Pickers.Count; i++)
        {
            var picker = truth.Pickers[i];
            defaults[$"Handhelds:Devices:{i}"] = picker.DeviceId;
            defaults[$"Broker:Clients:{picker.DeviceId}:Kind"] = "handheld";
            defaults[$"Broker:Clients:{picker.DeviceId}:PasswordHash"] = PasswordHash.Create(Password(picker.DeviceId), PasswordHash.MinimumIterations);
            for (var z = 0; z < picker.Zones.Count; z++)
            {
                defaults[$"Pickers:Profiles:{picker.Id}:Zones:{z}"] = picker.Zones[z];
            }

            for (var s = 0; s < picker.Skills.Count; s++)
            {
                defaults[$"Pickers:Profiles:{picker.Id}:Skills:{s}"] = picker.Skills[s];
            }
        }

        return defaults;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
