using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EdgeAgent.Tests.Hosting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.BadInput;

/// <summary>
/// The handheld contract's <c>payload-too-large</c> reaches the device at every size, for MQTT 3.1.1 and MQTT 5
/// handhelds alike: over the handhelds' own limit the pick loop answers it; over the broker's transport limit the
/// broker refuses the publish (an MQTT 5 client reads <c>QuotaExceeded</c> in its PUBACK, a 3.1.1 client reads
/// nothing there) and still puts the same error prompt on the device's prompt topic.
/// </summary>
public sealed class OversizedPayloadTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await RunningAgent.StartAsync("hh-v3", "hh-v5");

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _guard.Dispose();
    }

    [Theory]
    [InlineData("hh-v3", MqttProtocolVersion.V311)]
    [InlineData("hh-v5", MqttProtocolVersion.V500)]
    public async Task OversizedEvent_IsAnsweredPayloadTooLarge_OnThePromptTopic_UnderAndOverTheBrokersLimit(string device, MqttProtocolVersion version)
    {
        var prompts = Channel.CreateUnbounded<JsonElement>();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            using var json = JsonDocument.Parse(e.ApplicationMessage.ConvertPayloadToString());
            prompts.Writer.TryWrite(json.RootElement.Clone());
            return Task.CompletedTask;
        };
        var connected = await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _agent.BrokerPort).WithClientId(device)
                .WithCredentials(device, RunningAgent.Password(device)).WithProtocolVersion(version).WithCleanSession().Build(),
            _guard.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        await client.SubscribeAsync($"dc/site1/handheld/{device}/prompt", MqttQualityOfServiceLevel.AtLeastOnce, _guard.Token);

        // Over Handhelds:MaxPayloadBytes (4096), under the broker's 64 KiB: the pick loop refuses it unread.
        var overFamily = await client.PublishAsync(Event(device, 10_000), _guard.Token);
        Assert.True(overFamily.IsSuccess);
        var fromLoop = await prompts.Reader.ReadAsync(_guard.Token);

        // Over the broker's limit: refused at the broker, told on the prompt topic all the same.
        var overBroker = await client.PublishAsync(Event(device, 70_000), _guard.Token);
        var fromBroker = await prompts.Reader.ReadAsync(_guard.Token);

        Assert.Equal(("error", "payload-too-large", JsonValueKind.Null), (Kind(fromLoop), Error(fromLoop), fromLoop.GetProperty("ack").ValueKind));
        Assert.Equal(("error", "payload-too-large", JsonValueKind.Null), (Kind(fromBroker), Error(fromBroker), fromBroker.GetProperty("ack").ValueKind));
        Assert.Contains("broker", fromBroker.GetProperty("text").GetString(), StringComparison.Ordinal);
        // Only MQTT 5 has a reason code in the PUBACK; MQTT 3.1.1 acknowledges a refused publish like any other.
        Assert.Equal(version == MqttProtocolVersion.V500 ? MqttClientPublishReasonCode.QuotaExceeded : MqttClientPublishReasonCode.Success, overBroker.ReasonCode);
        Assert.Equal(1, _agent.Services.GetRequiredService<EdgeAgent.Broker.AgentBroker>().Embedded!.Counters.RefusedPayloadTooLarge);
    }

    private static string Kind(JsonElement prompt) => prompt.GetProperty("kind").GetString()!;

    private static string? Error(JsonElement prompt) => prompt.GetProperty("error").GetString();

    private static MqttApplicationMessage Event(string device, int bytes) =>
        new MqttApplicationMessageBuilder()
            .WithTopic($"dc/site1/handheld/{device}/event")
            .WithPayload(Encoding.UTF8.GetBytes($$"""{"v":1,"seq":1,"type":"scan","code":"{{new string('x', bytes)}}"}"""))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
