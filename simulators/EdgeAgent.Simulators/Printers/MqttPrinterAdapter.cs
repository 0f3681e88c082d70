using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Simulators.Printers;

/// <summary>
/// The MQTT adapter in front of a label printer: connects as the printer, feeds each
/// <c>dc/{site}/printer/{id}/job</c> payload to a <see cref="ZplPrinterEmulator"/> and publishes its
/// answers (<c>~HS</c>: three <c>STX … ETX CR LF</c> frames in one message) on <c>…/status</c>. The
/// emulator's faults and silence therefore show over MQTT exactly as on its TCP port.
/// </summary>
public sealed class MqttPrinterAdapter : IAsyncDisposable
{
    private readonly ZplPrinterEmulator _printer;
    private readonly IMqttClient _client;
    private readonly ZplStreamScanner _scanner = new();
    private readonly string _host;
    private readonly int _port;
    private readonly string _printerId;
    private readonly string? _password;
    private readonly string _jobTopic;
    private readonly string _statusTopic;
    private long _jobMessages;
    private long _statusMessages;

    /// <param name="password">The printer's broker password (its user name is its id); null connects anonymously.</param>
    public MqttPrinterAdapter(string host, int port, string site, string printerId, ZplPrinterEmulator printer, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(site);
        ArgumentException.ThrowIfNullOrEmpty(printerId);
        ArgumentNullException.ThrowIfNull(printer);
        _host = host;
        _port = port;
        _printerId = printerId;
        _password = password;
        _printer = printer;
        _jobTopic = $"dc/{site}/printer/{printerId}/job";
        _statusTopic = $"dc/{site}/printer/{printerId}/status";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnJobAsync;
    }

    /// <summary>Messages taken from <c>/job</c> (jobs and status queries).</summary>
    public long JobMessages => Interlocked.Read(ref _jobMessages);

    /// <summary>Answers published on <c>/status</c>.</summary>
    public long StatusMessages => Interlocked.Read(ref _statusMessages);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(_printerId)
            .WithCredentials(_password is null ? null : _printerId, _password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .Build();
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Printer adapter {_printerId} could not connect: {result.ResultCode} {result.ReasonString}");
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_jobTopic).WithAtLeastOnceQoS())
            .Build();
        var subscribed = await _client.SubscribeAsync(subscribe, cancellationToken);
        if (subscribed.Items.Any(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
        {
            throw new InvalidOperationException($"Printer adapter {_printerId} may not subscribe to {_jobTopic}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private async Task OnJobAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (args.ApplicationMessage.Topic != _jobTopic)
        {
            return;
        }

        Interlocked.Increment(ref _jobMessages);
        var payload = args.ApplicationMessage.Payload;

        // MQTTnet hands messages over one at a time, so the scanner (one byte stream, as one socket) needs no lock.
        var replies = _printer.Receive(_scanner, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
        foreach (var reply in replies)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(_statusTopic)
                .WithPayload(reply)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await _client.PublishAsync(message, CancellationToken.None);
            Interlocked.Increment(ref _statusMessages);
        }
    }
}
