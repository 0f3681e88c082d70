using System.Text;
using EdgeAgent.Drivers.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Mqtt;

/// <summary>The ACL file shipped for sites with Mosquitto enforces the embedded broker's rules.</summary>
public sealed class MosquittoAclTests(SecuredMosquittoFixture mosquitto) : IClassFixture<SecuredMosquittoFixture>
{
    [Fact]
    public async Task WrongPassword_IsRefusedAtConnect()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options("hh-1", "not-the-password"), Guard.Token());

        Assert.NotEqual(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Fact]
    public async Task DevicePublishingUnderAnotherDevicesId_IsRefused_AndNeverDelivered()
    {
        using var agent = await ConnectAsync(SecuredMosquittoFixture.AgentUser, SecuredMosquittoFixture.AgentPassword);
        var seen = new List<string>();
        var own = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.ApplicationMessageReceivedAsync += e =>
        {
            lock (seen)
            {
                seen.Add(e.ApplicationMessage.Topic);
            }

            if (e.ApplicationMessage.Topic == "dc/site1/handheld/hh-1/event")
            {
                own.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await agent.SubscribeAsync("dc/#", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        using var device = await ConnectAsync("hh-1", SecuredMosquittoFixture.DevicePassword("hh-1"));

        var spoofed = await device.PublishAsync(Message("dc/site1/handheld/hh-2/event"), Guard.Token());
        await TryPublishAsync(device, "dc/site1/handheld/hh-1/prompt");
        // Mosquitto 2.0 may drop a client that writes to a read-only topic: the last, allowed event goes on a fresh connection.
        using var again = await ConnectAsync("hh-1", SecuredMosquittoFixture.DevicePassword("hh-1"));
        await again.PublishAsync(Message("dc/site1/handheld/hh-1/event"), Guard.Token());
        await own.Task.WaitAsync(Guard.Timeout);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        lock (seen)
        {
            Assert.Equal(["dc/site1/handheld/hh-1/event"], seen);
        }
    }

    [Fact]
    public async Task DeviceReadsItsOwnPrompts_AndNeverAnotherDevices()
    {
        using var agent = await ConnectAsync(SecuredMosquittoFixture.AgentUser, SecuredMosquittoFixture.AgentPassword);
        using var device = await ConnectAsync("hh-1", SecuredMosquittoFixture.DevicePassword("hh-1"));
        var received = new List<string>();
        var ownPrompt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add(e.ApplicationMessage.Topic);
            }

            if (e.ApplicationMessage.Topic.EndsWith("hh-1/prompt", StringComparison.Ordinal))
            {
                ownPrompt.TrySetResult();
            }

            return Task.CompletedTask;
        };
        // Mosquitto grants the subscription but delivers nothing the ACL forbids.
        await device.SubscribeAsync("dc/site1/handheld/hh-2/prompt", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        await device.SubscribeAsync("dc/site1/handheld/hh-1/prompt", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());

        await agent.PublishAsync(Message("dc/site1/handheld/hh-2/prompt"), Guard.Token());
        await agent.PublishAsync(Message("dc/site1/handheld/hh-1/prompt"), Guard.Token());
        await ownPrompt.Task.WaitAsync(Guard.Timeout);

        lock (received)
        {
            Assert.Equal(["dc/site1/handheld/hh-1/prompt"], received);
        }
    }

    private static async Task TryPublishAsync(IMqttClient client, string topic)
    {
        try
        {
            var result = await client.PublishAsync(Message(topic), Guard.Token());
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Refused by disconnecting the client: also a refusal.
        }
    }

    private async Task<IMqttClient> ConnectAsync(string user, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(Options(user, password), Guard.Token());
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private MqttClientOptions Options(string user, string password) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithClientId(user)
            .WithCredentials(user, password).WithProtocolVersion(MqttProtocolVersion.V500).Build();

    private static MqttApplicationMessage Message(string topic) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes("{}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
