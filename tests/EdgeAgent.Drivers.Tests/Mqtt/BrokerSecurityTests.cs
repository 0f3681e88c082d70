using System.Text;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Mqtt;

/// <summary>Every device authenticates; a device publishes only under its own id and reads only its own prompts.</summary>
public sealed class BrokerSecurityTests : IAsyncLifetime
{
    private const string AgentSecret = "agent-secret-of-this-run";
    private readonly EmbeddedBroker _broker;

    public BrokerSecurityTests()
    {
        var options = new EmbeddedBrokerOptions { Port = 0, Site = "site1", AgentClientId = "edgeagent", AgentSecret = AgentSecret };
        options.Clients["hh-1"] = new BrokerClient { Kind = "handheld", PasswordHash = PasswordHash.Create("pw-1") };
        options.Clients["hh-2"] = new BrokerClient { Kind = "handheld", PasswordHash = PasswordHash.Create("pw-2") };
        options.Clients["zebra-1"] = new BrokerClient { Kind = "printer", PasswordHash = PasswordHash.Create("pw-z") };
        _broker = new EmbeddedBroker(Microsoft.Extensions.Options.Options.Create(options), NullLogger<EmbeddedBroker>.Instance, TimeProvider.System);
    }

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData("hh-1", "hh-1", "wrong")]
    [InlineData("hh-9", "hh-9", "pw-1")]
    [InlineData("hh-1", "hh-2", "pw-2")]
    [InlineData("hh-1", null, null)]
    [InlineData("edgeagent", "edgeagent", "guess")]
    public async Task UnknownClientOrWrongCredentials_AreRefusedAtConnect_AndCounted(string clientId, string? user, string? password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(ClientOptions(clientId, user, password, MqttProtocolVersion.V500), Guard.Token());

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.Equal(1, _broker.Counters.RefusedConnections);
    }

    [Fact]
    public async Task DevicePublishingUnderAnotherDevicesId_IsRefused_NotDelivered_AndToldOnItsPromptTopic()
    {
        using var agent = await ConnectAsync("edgeagent", AgentSecret);
        var seenByAgent = Collect(agent);
        await agent.SubscribeAsync("dc/site1/#", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        using var device = await ConnectAsync("hh-1", "pw-1");
        var prompts = Collect(device);
        await device.SubscribeAsync("dc/site1/handheld/hh-1/prompt", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());

        var spoofed = await device.PublishAsync(Message("dc/site1/handheld/hh-2/event", "{}"), Guard.Token());
        var own = await device.PublishAsync(Message("dc/site1/handheld/hh-1/event", "{}"), Guard.Token());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        Assert.True(own.IsSuccess);
        var error = await prompts.Reader.ReadAsync(Guard.Token());
        Assert.Contains("\"not-authorized\"", error, StringComparison.Ordinal);
        Assert.Equal("dc/site1/handheld/hh-1/event", await FirstEventTopicAsync(seenByAgent));
        Assert.Equal(1, _broker.Counters.RefusedByAcl);
    }

    [Fact]
    public async Task DevicePublishingOnItsOwnPromptChannel_IsRefused()
    {
        using var device = await ConnectAsync("hh-1", "pw-1");

        var result = await device.PublishAsync(Message("dc/site1/handheld/hh-1/prompt", "{}"), Guard.Token());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task DeviceOnMqtt311_IsToldByErrorPrompt_ThoughTheProtocolSaysItsPublishSucceeded()
    {
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(ClientOptions("hh-1", "hh-1", "pw-1", MqttProtocolVersion.V311), Guard.Token());
        var prompts = Collect(device);
        await device.SubscribeAsync("dc/site1/handheld/hh-1/prompt", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());

        await device.PublishAsync(Message("dc/site1/scanner/hh-1/read", "{}"), Guard.Token());

        Assert.Contains("\"not-authorized\"", await prompts.Reader.ReadAsync(Guard.Token()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceSubscribingToAnotherDevicesPrompts_IsRefused_AndCounted()
    {
        using var device = await ConnectAsync("hh-1", "pw-1");

        var others = await device.SubscribeAsync("dc/site1/handheld/hh-2/prompt", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        var everything = await device.SubscribeAsync("dc/#", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        var own = await device.SubscribeAsync("dc/site1/handheld/hh-1/prompt", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, others.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, everything.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
        Assert.Equal(2, _broker.Counters.RefusedSubscriptions);
    }

    [Fact]
    public async Task MqttPrinter_ReadsItsOwnJobs_AnswersOnStatus_AndMayNotWriteJobs()
    {
        using var printer = await ConnectAsync("zebra-1", "pw-z");

        var jobs = await printer.SubscribeAsync("dc/site1/printer/zebra-1/job", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        var status = await printer.PublishAsync(Message("dc/site1/printer/zebra-1/status", "~HS"), Guard.Token());
        var forged = await printer.PublishAsync(Message("dc/site1/printer/zebra-1/job", "^XA^XZ"), Guard.Token());

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, jobs.Items.Single().ResultCode);
        Assert.True(status.IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
    }

    [Fact]
    public async Task Agent_MayReadAndWriteAnyDevicesTopics()
    {
        using var agent = await ConnectAsync("edgeagent", AgentSecret);

        var subscribed = await agent.SubscribeAsync("dc/site1/#", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        var published = await agent.PublishAsync(Message("dc/site1/handheld/hh-2/prompt", "{}"), Guard.Token());

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        Assert.True(published.IsSuccess);
        Assert.Equal(0, _broker.Counters.RefusedTotal);
    }

    private static async Task<string> FirstEventTopicAsync(System.Threading.Channels.Channel<string> seen)
    {
        await foreach (var topic in seen.Reader.ReadAllAsync(Guard.Token()))
        {
            if (topic.EndsWith("/event", StringComparison.Ordinal))
            {
                return topic;
            }
        }

        throw new InvalidOperationException("no event seen");
    }

    /// <summary>Payloads (or, for the agent, topics) as they arrive.</summary>
    private static System.Threading.Channels.Channel<string> Collect(IMqttClient client)
    {
        var seen = System.Threading.Channels.Channel.CreateUnbounded<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var text = e.ClientId == "edgeagent" ? e.ApplicationMessage.Topic : Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            seen.Writer.TryWrite(text);
            return Task.CompletedTask;
        };
        return seen;
    }

    private async Task<IMqttClient> ConnectAsync(string clientId, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(ClientOptions(clientId, clientId, password, MqttProtocolVersion.V500), Guard.Token());
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private MqttClientOptions ClientOptions(string clientId, string? user, string? password, MqttProtocolVersion version) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId(clientId)
            .WithCredentials(user, password).WithProtocolVersion(version).Build();

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
