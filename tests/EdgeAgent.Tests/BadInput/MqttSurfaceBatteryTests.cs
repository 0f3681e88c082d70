using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Handhelds;
using EdgeAgent.Tests.Conveyor;
using EdgeAgent.Tests.Hosting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeAgent.Tests.BadInput;

/// <summary>
/// The bad-input battery for the MQTT surface of the real agent, per device kind (handheld, fixed scanner, IO-Link
/// master), through its embedded broker: payloads wrong in every way on each kind's own topic and on channels it does
/// not serve, and topics no device of that kind may use. Every message the broker acknowledged on a device's own topic
/// reaches that kind's session (its received count equals what was published: none lost between broker and agent),
/// every handheld message is answered, no callback fails, and the agent stays ready.
/// </summary>
public sealed class MqttSurfaceBatteryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CasesPerKind = 100;
    private const int TopicCases = 50;

    private static readonly (string Kind, string Device, string Channel, string[] Valid)[] Kinds =
    [
        ("handheld", "hh-1", "event", ["""{"v":1,"seq":1,"type":"login","picker":"P-1"}""", """{"v":1,"seq":2,"type":"scan","code":"A-01-1"}""", """{"v":1,"seq":3,"type":"confirm","qty":1}"""]),
        ("scanner", "sc-1", "read", ["""{"v":1,"seq":1,"data":"]C100106141410000000010"}""", """{"v":1,"seq":2,"data":"]d201095011010209171719050810ABCD1234\u001d2112345","symbology":"d2"}"""]),
        ("iolink", "io-1", "port1", ["""{"v":1,"seq":42,"value":true,"ts":"2026-01-31T08:00:00Z"}""", """{"v":1,"value":0}"""]),
    ];

    private static readonly string[] JsonKeys = ["v", "seq", "type", "code", "qty", "picker", "data", "symbology", "at", "value", "ts", ""];

    private static readonly Gen<string> JsonValues = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 11].Select(i => new[] { "true", "false", "null", "{}", "[]", "1e400", "-0.5", "99999999999999999999", "\"\"", "\"login\"", "\"scan\"", "\"\\u0000\"" }[i]),
        Gen.String[0, 40].Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.Int[1, 200].Select(d => new string('[', d) + new string(']', d)));

    /// <summary>Any bytes, any text, near-miss JSON with wrong types and values, cuts and flips of real messages, big ones.</summary>
    private static Gen<byte[]> Payloads(string[] valid) => Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.String[0, 300].Select(s => Encoding.UTF8.GetBytes(s)),
        Gen.Select(Gen.Int[0, JsonKeys.Length - 1], JsonValues).Array[0, 8]
            .Select(fields => Encoding.UTF8.GetBytes("{" + string.Join(',', fields.Select(f => System.Text.Json.JsonSerializer.Serialize(JsonKeys[f.Item1]) + ":" + f.Item2)) + "}")),
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 400], Gen.Byte).Select((v, at, b) =>
        {
            var bytes = Encoding.UTF8.GetBytes(valid[v]);
            bytes[at % bytes.Length] = b;
            return bytes;
        }),
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 400]).Select((v, cut) => Encoding.UTF8.GetBytes(valid[v])[..(cut % valid[v].Length)]),
        Gen.Int[0, 60_000].Select(n => Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":9,\"type\":\"scan\",\"code\":\"" + new string('x', n) + "\"}")));

    /// <summary>Channels a kind does not serve (its session counts and refuses them); never its prompt or status topic.</summary>
    private static readonly Gen<string> OtherChannels = Gen.OneOf(
        Gen.Int[0, 5].Select(i => new[] { "event2", "Read", "port", "port0", "port99999999999", "x/y/z" }[i]),
        Gen.Char["abcXYZ019-_ /é"].Array[1, 30].Select(c => new string(c).Trim('/')).Where(c => c.Length > 0 && c is not ("prompt" or "status")));

    /// <summary>Topics outside the device's own subtree: other devices, kinds and sites, the agent's own, system topics.</summary>
    private static readonly Gen<string> ForeignTopics = Gen.OneOf(
        Gen.Int[0, 9].Select(i => new[]
        {
            "dc/site1/handheld/hh-2/event", "dc/site1/scanner/sc-2/read", "dc/site2/handheld/hh-1/event", "dc/site1/handheld/hh-1/prompt",
            "dc/site1/handheld/hh-1/status", "$SYS/broker/clients", "dc", "dc/site1", "dc/site1/plc/line-1/divert", "/",
        }[i]),
        Gen.Char["abc/019-_ é"].Array[1, 60].Select(c => new string(c)).Where(t => t.Trim('/').Length > 0));

    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(3));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private ConveyorAgent _line = null!;

    public async Task InitializeAsync()
    {
        _printer.Start();
        var settings = ConveyorAgent.Settings(ConveyorAgent.NewDataDirectory("mqtt-battery"), _printer);
        settings["Conveyor:PrinterPollMs"] = "60000";
        ConveyorAgent.AddInput(settings, 0, "pe-1", SensorRole.PhotoEye, 5);
        settings["Conveyor:IoLink:Ports:0:MasterId"] = "io-1";
        settings["Conveyor:IoLink:Ports:0:Port"] = "1";
        settings["Conveyor:IoLink:Ports:0:Name"] = "pe-io";
        settings["Handhelds:Devices:0"] = "hh-1";
        ConveyorAgent.AddDevice(settings, "hh-1", "handheld");
        ConveyorAgent.AddDevice(settings, "io-1", "iolink");
        ConveyorAgent.AddDevice(settings, "sc-1", "scanner");
        _line = await ConveyorAgent.StartAsync(settings);
        await ConveyorAgent.WaitUntilAsync(() => _line.Line.IoLinkConnected && _line.Line.ScannersConnected, _guard.Token);
    }

    public async Task DisposeAsync()
    {
        await _line.DisposeAsync();
        await _printer.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task EveryDeviceKind_AnyPayloadOrTopic_IsCountedAndAnsweredOrRefused_NoneLost_AndTheAgentStaysReady()
    {
        var ct = _guard.Token;
        var report = new List<string>();
        foreach (var (kind, device, channel, valid) in Kinds)
        {
            using var client = await ConnectAsync(device, ct);
            long before = Received(kind);
            int own = 0, refusedByBroker = 0, otherChannel = 0, foreign = 0;
            await Payloads(valid).SampleAsync(
                async payload =>
                {
                    var topic = $"dc/site1/{kind}/{device}/{channel}";
                    var result = await client.PublishAsync(Message(topic, payload), ct);
                    if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                    {
                        own++;
                    }
                    else
                    {
                        // Only the broker's payload limit may refuse a publish on the device's own topic.
                        Assert.True(payload.Length > 60_000, $"{kind} {topic} ({payload.Length} bytes) refused: {result.ReasonCode}");
                        refusedByBroker++;
                    }
                },
                iter: CasesPerKind,
                threads: 1);

            // Everything the broker acknowledged on the device's own topic reached the kind's session, once.
            await ConveyorAgent.WaitUntilAsync(() => Received(kind) - before >= own, ct);
            long received = Received(kind) - before;
            Assert.Equal(own, received);

            // Then channels the kind does not serve and topics outside its subtree: refused by the broker's access
            // rules or counted and refused by the session; never a crash, never a dropped connection.
            await Gen.Select(OtherChannels, Payloads(valid)).SampleAsync(
                async (other, payload) =>
                {
                    var result = await client.PublishAsync(Message($"dc/site1/{kind}/{device}/{other}", payload), ct);
                    Assert.True(Enum.IsDefined(result.ReasonCode));
                    otherChannel++;
                },
                iter: TopicCases,
                threads: 1);
            await ForeignTopics.SampleAsync(
                async topic =>
                {
                    var result = await client.PublishAsync(Message(topic, Encoding.UTF8.GetBytes(valid[0])), ct);
                    Assert.True(Enum.IsDefined(result.ReasonCode));
                    foreign++;
                },
                iter: TopicCases,
                threads: 1);
            Assert.True(client.IsConnected, $"{device} was disconnected by the agent");
            report.Add($"{kind}: {CasesPerKind} payload cases on its topic ({own} acknowledged by the broker and {received} received by the agent, {refusedByBroker} refused at the broker's size limit), {otherChannel} other-channel cases, {foreign} foreign-topic cases; lost {own - received}");
        }

        // Every handheld message got its answer, a prompt or a refusal (the test's guard ends a wait for one that was dropped),
        // no device callback threw,
        // and the agent is still ready.
        var handhelds = _line.Agent.Services.GetRequiredService<HandheldLoop>();
        await ConveyorAgent.WaitUntilAsync(() => handhelds.Counters is { } c && c.Answered + c.ErrorsByCode.Values.Sum() >= c.Received, ct);
        var scanners = _line.Line.ScannerCounters!;
        using var ready = await _line.Agent.Anonymous.GetAsync("/readyz", ct);
        foreach (var line in report)
        {
            output.WriteLine("battery MQTT " + line);
        }

        Assert.Equal(0, handhelds.Counters!.CallbackFailures);
        Assert.Equal(0, scanners.CallbackFailures);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(_line.Line.IoLinkConnected && _line.Line.ScannersConnected);
    }

    private long Received(string kind) => kind switch
    {
        "handheld" => _line.Agent.Services.GetRequiredService<HandheldLoop>().Counters?.Received ?? 0,
        "scanner" => _line.Line.ScannerCounters?.Received ?? 0,
        _ => _line.Line.IoLinkCounters?.Received ?? 0,
    };

    private async Task<IMqttClient> ConnectAsync(string device, CancellationToken ct)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _line.Agent.BrokerPort).WithClientId(device)
                .WithCredentials(device, ConveyorAgent.DevicePassword(device)).WithProtocolVersion(MqttProtocolVersion.V500).WithCleanSession().Build(),
            ct);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        return client;
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
