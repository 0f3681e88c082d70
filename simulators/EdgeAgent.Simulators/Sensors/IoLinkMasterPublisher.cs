using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Simulators.Sensors;

/// <summary>
/// Publishes port values as an IO-Link master would, in the agent's assumed payload:
/// <c>dc/{site}/iolink/{masterId}/port{n}</c> ← <c>{"v":1,"seq":…,"value":…,"ts":"…"}</c>.
/// </summary>
public sealed class IoLinkMasterPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _host;
    private readonly int _port;
    private readonly string _topicPrefix;
    private readonly string _masterId;
    private readonly string? _password;
    private long _seq;

    /// <param name="password">The master's broker password (its user name is its id); null connects anonymously.</param>
    public IoLinkMasterPublisher(string host, int port, string site, string masterId, string? password = null)
    {
        _password = password;
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(site);
        ArgumentException.ThrowIfNullOrEmpty(masterId);
        _host = host;
        _port = port;
        _masterId = masterId;
        _topicPrefix = $"dc/{site}/iolink/{masterId}/port";
        _client = new MqttClientFactory().CreateMqttClient();
    }

    public long Published => Interlocked.Read(ref _seq);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(_masterId)
            .WithCredentials(_password is null ? null : _masterId, _password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .Build();
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"IO-Link master {_masterId} could not connect: {result.ResultCode} {result.ReasonString}");
        }
    }

    /// <summary>Numbers <paramref name="count"/> messages that never reach the agent: the next message's <c>seq</c> jumps.</summary>
    public void LoseMessages(long count) => Interlocked.Add(ref _seq, count);

    /// <summary>Whether the master's MQTT connection is up.</summary>
    public bool IsConnected => _client.IsConnected;

    public async Task PublishAsync(int port, bool value, DateTimeOffset at, CancellationToken cancellationToken) =>
        await PublishAcknowledgedAsync(port, value, at, cancellationToken);

    /// <summary>
    /// Publishes one port value with the next <c>seq</c> and returns that seq with the broker's answer to it: what the
    /// master was told. <c>IsSuccess</c> also holds for MQTT 5's <c>NoMatchingSubscribers</c> (accepted, nobody reading).
    /// </summary>
    public async Task<(long Seq, MqttClientPublishResult Result)> PublishAcknowledgedAsync(int port, bool value, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var seq = Interlocked.Increment(ref _seq);
        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"v":1,"seq":{{seq}},"value":{{(value ? "true" : "false")}},"ts":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_topicPrefix + port.ToString(CultureInfo.InvariantCulture))
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return (seq, await _client.PublishAsync(message, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
