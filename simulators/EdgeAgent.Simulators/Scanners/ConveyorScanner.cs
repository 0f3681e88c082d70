using System.Globalization;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Simulators.Scanners;

/// <summary>
/// A fixed-mount conveyor scanner as it behaves on the wire: presence by retained status and last
/// will, then one <c>read</c> message per carton with the next <c>seq</c>, fire and forget.
/// </summary>
public sealed class ConveyorScanner : IAsyncDisposable
{
    private static readonly byte[] Online = """{"v":1,"online":true}"""u8.ToArray();
    private static readonly byte[] Offline = """{"v":1,"online":false}"""u8.ToArray();

    private readonly ConveyorScannerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IMqttClient _client;
    private readonly string _topicPrefix;
    private long _lastSeq;

    public ConveyorScanner(ConveyorScannerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _topicPrefix = $"dc/{options.Site}/scanner/{options.DeviceId}/";
        _client = new MqttClientFactory().CreateMqttClient();
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>The <c>seq</c> of the last read published.</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.DeviceId)
            .WithCredentials(_options.Password is null ? null : _options.DeviceId, _options.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithWillTopic(_topicPrefix + "status")
            .WithWillPayload(Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Scanner {DeviceId} could not connect: {result.ResultCode} {result.ReasonString}");
        }

        await PublishAsync("status", Online, retain: true, cancellationToken);
    }

    /// <summary>
    /// Numbers <paramref name="count"/> reads that never reach the broker (a scanner's buffer lost, a broker that
    /// acknowledged and died): the next read's <c>seq</c> jumps, as the agent sees after such a loss.
    /// </summary>
    public void LoseReads(long count) => Interlocked.Add(ref _lastSeq, count);

    /// <summary>Whether the scanner's MQTT connection is up.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes one read of <paramref name="data"/> (AIM identifier included) with the next <c>seq</c>; returns that seq.</summary>
    public async Task<long> ReadAsync(string data, CancellationToken cancellationToken) =>
        (await ReadAcknowledgedAsync(data, cancellationToken)).Seq;

    /// <summary>
    /// Publishes one read with the next <c>seq</c> and returns that seq with the broker's answer to it: what the
    /// scanner was told. <c>IsSuccess</c> also holds for MQTT 5's <c>NoMatchingSubscribers</c> (accepted, nobody reading).
    /// </summary>
    public async Task<(long Seq, MqttClientPublishResult Result)> ReadAcknowledgedAsync(string data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var seq = Interlocked.Increment(ref _lastSeq);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteNumber("seq", seq);
            writer.WriteString("data", data);
            writer.WriteString("at", _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return (seq, await PublishAsync("read", buffer.ToArray(), retain: false, cancellationToken));
    }

    /// <summary>Publishes raw bytes on one of this device's channels, for bad-input tests.</summary>
    public async Task SendRawAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        await PublishAsync(channel, payload.ToArray(), retain: false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await PublishAsync("status", Offline, retain: true, CancellationToken.None);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }

        _client.Dispose();
    }

    private Task<MqttClientPublishResult> PublishAsync(string channel, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(_topicPrefix + channel)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build(),
            cancellationToken);
}
