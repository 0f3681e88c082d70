using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Tests.Infrastructure;

namespace EdgeAgent.Drivers.Tests.Handhelds;

/// <summary>Gateway behaviours as a handheld sees them, run against any broker on a loopback port.</summary>
internal static class GatewayScenarios
{
    public static TheoryData<string, string, string, long?> BadInputs => new()
    {
        { "event", "{", "malformed-json", null },
        { "event", "[1,2]", "malformed-json", null },
        { "event", "{\"v\":1,\"seq\":3,\"type\":\"logout\"} trailing", "malformed-json", 3 },
        { "event", "{\"v\":2,\"seq\":3,\"type\":\"logout\"}", "unsupported-version", 3 },
        { "event", "{\"v\":1,\"seq\":3}", "missing-field", 3 },
        { "event", "{\"v\":1,\"seq\":\"3\",\"type\":\"logout\"}", "bad-field", null },
        { "event", "{\"v\":1,\"seq\":3,\"type\":\"confirm\",\"qty\":-1}", "bad-field", 3 },
        { "event", "{\"v\":1,\"seq\":3,\"type\":\"jump\"}", "unknown-type", 3 },
        { "event", "BIG", "payload-too-large", null },
        { "foo", "{\"v\":1,\"seq\":3,\"type\":\"logout\"}", "unknown-channel", null },
    };

    public static async Task ValidEvent_ReachesTheCallback_AndItsPromptReachesTheHandheld(int port)
    {
        var seen = new ConcurrentQueue<HandheldMessage>();
        await using var gateway = await BrokerHarness.StartGatewayAsync(port, (m, ct) =>
        {
            seen.Enqueue(m);
            return BrokerHarness.Echo(m, ct);
        });
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(port);

        var prompt = await handheld.SendAsync(new JsonObject { ["type"] = "login", ["picker"] = "B-0042" }, Guard.Token());

        Assert.Equal(1, prompt.Ack);
        Assert.Equal("go-to-location", prompt.Kind);
        Assert.Equal("Login B-0042", prompt.Text);
        Assert.Equal("SKU-1042", prompt.Json.GetProperty("task").GetProperty("sku").GetString());
        var message = Assert.Single(seen);
        Assert.Equal(new HandheldMessage { DeviceId = handheld.DeviceId, Seq = 1, Type = HandheldMessageType.Login, Picker = "B-0042" }, message);
        Assert.Equal(1, gateway.Counters.Answered);
    }

    public static async Task BadInput_IsAnsweredWithTheErrorPrompt_AndCounted(int port, string channel, string payload, string error, long? ack)
    {
        var callbacks = 0;
        await using var gateway = await BrokerHarness.StartGatewayAsync(port, (m, ct) =>
        {
            Interlocked.Increment(ref callbacks);
            return BrokerHarness.Echo(m, ct);
        });
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(port);
        var bytes = payload == "BIG"
            ? Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":3,\"type\":\"scan\",\"code\":\"" + new string('x', 5000) + "\"}")
            : Encoding.UTF8.GetBytes(payload);

        var prompt = await handheld.SendRawAndWaitAsync(channel, bytes, Guard.Token());

        Assert.Equal("error", prompt.Kind);
        Assert.Equal(error, prompt.Error);
        Assert.Equal(ack, prompt.Ack);
        Assert.Equal(0, callbacks);
        var counted = Assert.Single(gateway.Counters.ErrorsByCode);
        Assert.Equal(error, WireName(counted.Key));
        Assert.Equal(1, counted.Value);
    }

    private static string WireName(HandheldErrorCode code)
    {
        using var json = System.Text.Json.JsonDocument.Parse(HandheldPrompt.ForError(null, code, "").ToUtf8Json());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    public static async Task ThrowingCallback_YieldsAnInternalErrorPrompt_AndTheGatewayKeepsServing(int port)
    {
        await using var gateway = await BrokerHarness.StartGatewayAsync(port, (m, ct) =>
            m.Type == HandheldMessageType.Scan ? throw new InvalidOperationException("storage on fire") : BrokerHarness.Echo(m, ct));
        await using var handheld = await BrokerHarness.ConnectHandheldAsync(port);

        var failed = await handheld.SendAsync(new JsonObject { ["type"] = "scan", ["code"] = "A-01-03" }, Guard.Token());
        var next = await handheld.SendAsync(new JsonObject { ["type"] = "logout" }, Guard.Token());

        Assert.Equal(("error", "internal", 1L), (failed.Kind, failed.Error, failed.Ack));
        Assert.Equal(("go-to-location", 2L), (next.Kind, next.Ack));
        Assert.Equal(1, gateway.Counters.CallbackFailures);
        Assert.Equal(1, gateway.Counters.Errors(HandheldErrorCode.Internal));
    }
}
