using System.Globalization;
using System.Text.Json;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Plc;

/// <summary>
/// The agent's MQTT session towards the PLCs that drive divert actuators: one QoS 1 publish per divert on the PLC's
/// own <c>divert</c> channel, a typed JSON command. Expected failures (no session, no PLC subscribed, no PUBACK) are
/// results, never exceptions: the carton is on a moving belt and the line goes on.
/// </summary>
public sealed class PlcDivertPublisher : IAsyncDisposable
{
    public const string DeviceKind = "plc";
    public const string DivertChannel = "divert";

    private readonly string _site;
    private readonly DeviceConnection _connection;
    private readonly CancellationTokenSource _stopping = new();

    public PlcDivertPublisher(string site, MqttConnectionOptions connection, ILogger<PlcDivertPublisher> logger, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(site);
        ArgumentNullException.ThrowIfNull(connection);
        _site = site;
        // The session listens to the PLC adapters' presence only; it exists to publish.
        var settings = new DeviceConnectionSettings(
            "PLC divert publisher", site, $"{DeviceTopic.Root}/{site}/{DeviceKind}/+/status", connection, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        _connection = new DeviceConnection(settings, _ => Task.CompletedTask, logger, timeProvider, new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1)));
    }

    public bool IsConnected => _connection.IsConnected;

    public void Start() => _connection.Start(_stopping.Token);

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    public static string Topic(string site, string plcId) => $"{DeviceTopic.Root}/{site}/{DeviceKind}/{plcId}/{DivertChannel}";

    /// <summary>Publishes the command at QoS 1; the result says whether the broker took it and whether a PLC was subscribed.</summary>
    public async Task<PlcDivertResult> PublishAsync(PlcDivertCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_connection.IsConnected)
        {
            return PlcDivertResult.NotConnected;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topic(_site, command.PlcId))
            .WithPayload(Payload(command))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var result = await _connection.PublishAsync(message, cancellationToken);
            return result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers ? PlcDivertResult.NoPlcSubscribed
                : result.IsSuccess ? PlcDivertResult.Published
                : PlcDivertResult.Refused;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PlcDivertResult.NotConnected;
        }
    }

    /// <summary>The wire form: <c>{"v":1,"tag":…,"lane":…,"sscc":…|null,"reason":…,"decision":N,"scanner":…,"seq":N,"at":"ISO-8601"}</c>.</summary>
    public static byte[] Payload(PlcDivertCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("tag", command.Tag);
            writer.WriteString("lane", command.Lane);
            writer.WriteString("sscc", command.Sscc);
            writer.WriteString("reason", command.Reason);
            writer.WriteNumber("decision", command.DecisionSeq);
            writer.WriteString("scanner", command.ScannerId);
            writer.WriteNumber("seq", command.ScanSeq);
            writer.WriteString("at", command.At.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.CloseQuietlyAsync();
        _stopping.Dispose();
    }
}
