using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Tests.Hosting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Tests.Handhelds;

/// <summary>
/// Enrolment from the console and the broker's second transport: handhelds enrolled with a one-time code log in over MQTT
/// over WebSockets on the agent's own web server, with the same authentication and ACL as TCP devices; revoked ones are
/// cut off at once.
/// </summary>
public sealed class HandheldEnrolmentTests : IAsyncLifetime
{
    private const string Token = "sup-token";
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("edgeagent-enrol-").FullName;
    private Dictionary<string, string> _settings = null!;
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _settings = RunningAgent.Settings(_dataDirectory, "hh-configured");
        RunningAgent.AddOperator(_settings, "sam", "Supervisor", Token);
        _agent = await RunningAgent.StartAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
        _guard.Dispose();
    }

    [Fact]
    public async Task EnrolmentCode_GivesTheHandheldItsOwnLogin_AndWorksOnce()
    {
        var code = await IssueAsync();

        var (deviceId, password) = await RedeemAsync(code);
        using var again = await _agent.Http.PostAsJsonAsync("/handheld/api/enrol", new { code });
        using var client = await ConnectOverWebSocketAsync(deviceId, password);
        var prompt = await SendAndWaitAsync(client, deviceId, """{"v":1,"seq":1,"type":"login","picker":"P-1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.StartsWith("hh-", deviceId, StringComparison.Ordinal);
        Assert.Equal(1, prompt.GetProperty("ack").GetInt64());
        Assert.Equal("no-work", prompt.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task EnrolmentApi_RefusesAnyoneButASupervisor()
    {
        using var anonymous = await _agent.SendAsync(HttpMethod.Post, "/api/handhelds/enrolments", token: null);
        using var wrong = await _agent.SendAsync(HttpMethod.Post, "/api/handhelds/enrolments", token: "not-a-token");
        using var revoke = await _agent.SendAsync(HttpMethod.Delete, "/api/handhelds/hh-configured", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoke.StatusCode);
    }

    [Fact]
    public async Task UnenrolledBrowser_IsRefusedByTheBroker_OverWebSockets()
    {
        var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(WebSocketOptions("hh-stranger", "guess"), _guard.Token);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.False(client.IsConnected);
        client.Dispose();
    }

    [Fact]
    public async Task RevokedHandheld_IsDisconnectedAtOnce_AndRefusedAfter()
    {
        var (deviceId, password) = await RedeemAsync(await IssueAsync());
        using var client = await ConnectOverWebSocketAsync(deviceId, password);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e => { disconnected.TrySetResult(e); return Task.CompletedTask; };

        using var revoke = await _agent.SendAsync(HttpMethod.Delete, $"/api/handhelds/{deviceId}", Token);
        var cut = await disconnected.Task.WaitAsync(_guard.Token);
        var retry = new MqttClientFactory().CreateMqttClient();
        var refused = await retry.ConnectAsync(WebSocketOptions(deviceId, password), _guard.Token);
        using var list = JsonDocument.Parse(await (await _agent.SendAsync(HttpMethod.Get, "/api/handhelds", Token)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotNull(cut);
        Assert.False(client.IsConnected);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);
        var entry = list.RootElement.EnumerateArray().Single(d => d.GetProperty("id").GetString() == deviceId);
        Assert.Equal("sam", entry.GetProperty("revokedBy").GetString());
        retry.Dispose();
    }

    [Fact]
    public async Task EnrolledHandheld_CannotPublishOrSubscribeOnAnotherDevicesTopics()
    {
        var (first, firstPassword) = await RedeemAsync(await IssueAsync());
        var (second, _) = await RedeemAsync(await IssueAsync());
        using var client = await ConnectOverWebSocketAsync(first, firstPassword);

        var publish = await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic($"dc/site1/handheld/{second}/event").WithPayload("""{"v":1,"seq":1,"type":"logout"}""")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            _guard.Token);
        var ownPrompt = await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic($"dc/site1/handheld/{first}/prompt").WithPayload("{}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            _guard.Token);
        var subscribe = await client.SubscribeAsync($"dc/site1/handheld/{second}/prompt", MqttQualityOfServiceLevel.AtLeastOnce, _guard.Token);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, publish.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ownPrompt.ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, subscribe.Items.Single().ResultCode);
    }

    [Fact]
    public async Task SupervisorChosenId_ThatAConfiguredDeviceHas_IsRefused()
    {
        using var response = await _agent.SendAsync(HttpMethod.Post, "/api/handhelds/enrolments", Token, """{"deviceId":"hh-configured"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("site file", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrolledHandheld_IsLetInAgain_AfterTheAgentRestarts()
    {
        var (deviceId, password) = await RedeemAsync(await IssueAsync());

        await _agent.DisposeAsync();
        _agent = await RunningAgent.StartAsync(_settings);
        using var client = await ConnectOverWebSocketAsync(deviceId, password);

        Assert.True(client.IsConnected);
    }

    private async Task<string> IssueAsync()
    {
        using var response = await _agent.SendAsync(HttpMethod.Post, "/api/handhelds/enrolments", Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("/handheld/?enrol=", body.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
        return body.RootElement.GetProperty("code").GetString()!;
    }

    private async Task<(string DeviceId, string Password)> RedeemAsync(string code)
    {
        using var response = await _agent.Http.PostAsJsonAsync("/handheld/api/enrol", new { code = code.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("deviceId").GetString()!, body.RootElement.GetProperty("password").GetString()!);
    }

    private MqttClientOptions WebSocketOptions(string deviceId, string password)
    {
        var uri = new UriBuilder(_agent.Http.BaseAddress!) { Scheme = "ws", Path = "/mqtt" }.Uri;
        return new MqttClientOptionsBuilder()
            .WithWebSocketServer(o => o.WithUri(uri.ToString()))
            .WithClientId(deviceId)
            .WithCredentials(deviceId, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build();
    }

    private async Task<IMqttClient> ConnectOverWebSocketAsync(string deviceId, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(WebSocketOptions(deviceId, password), _guard.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private async Task<JsonElement> SendAndWaitAsync(IMqttClient client, string deviceId, string body)
    {
        var answered = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            answered.TrySetResult(JsonDocument.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload)).RootElement.Clone());
            return Task.CompletedTask;
        };
        await client.SubscribeAsync($"dc/site1/handheld/{deviceId}/prompt", MqttQualityOfServiceLevel.AtLeastOnce, _guard.Token);
        await client.PublishStringAsync($"dc/site1/handheld/{deviceId}/event", body, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: _guard.Token);
        return await answered.Task.WaitAsync(_guard.Token);
    }
}
