using System.Buffers;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// The one broker session of a group's MQTT printers: subscribed to <c>dc/{site}/printer/+/status</c>,
/// it hands each answer to its printer's link and publishes jobs and <c>~HS</c> on <c>…/job</c>.
/// </summary>
internal sealed class PrinterMqttSession : IAsyncDisposable
{
    private readonly DeviceConnection _connection;
    private readonly string _topicPrefix;
    private readonly Dictionary<string, MqttPrinterLink> _links = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _unsolicitedReplies;

    public PrinterMqttSession(PrinterMqttOptions options, ILogger logger, TimeProvider timeProvider, LogRateLimiter logLimiter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topicPrefix = $"dc/{options.Site}/printer/";
        var settings = new DeviceConnectionSettings(
            "Printer session", options.Site, _topicPrefix + "+/status", options.Connection, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        _connection = new DeviceConnection(settings, OnMessageAsync, logger, timeProvider, logLimiter);
    }

    public bool IsConnected => _connection.IsConnected;

    /// <summary>Answers that came when no query of that printer was waiting (late after a timeout, or unknown printer).</summary>
    public long UnsolicitedReplies => Interlocked.Read(ref _unsolicitedReplies);

    /// <summary>Registers a printer; only before <see cref="Start"/>, so the map is read without a lock afterwards.</summary>
    public MqttPrinterLink AddPrinter(string printerId, ZplConnectionOptions options, TimeProvider timeProvider)
    {
        var link = new MqttPrinterLink(this, printerId, options, timeProvider);
        _links.Add(printerId, link);
        return link;
    }

    public void Start() => _connection.Start(_stopping.Token);

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>
    /// Publishes at QoS 1 on the printer's <c>/job</c> topic. OK once the broker has it and a subscriber (the
    /// printer's adapter) took it; <c>Unacknowledged</c> when it left this host but no answer came, so it may have arrived.
    /// </summary>
    public async Task<(PrinterLinkResult Result, bool Unacknowledged)> PublishJobAsync(
        string printerId, ReadOnlyMemory<byte> payload, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            return (new(PrinterLinkError.NotConnected, "no broker session"), false);
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_topicPrefix + printerId + "/job")
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            var result = await _connection.PublishAsync(message, linked.Token);
            return result.ReasonCode switch
            {
                MqttClientPublishReasonCode.Success => (PrinterLinkResult.Ok, false),

                // Nobody took it: the printer's adapter is offline, so the job cannot print and may go to another printer.
                MqttClientPublishReasonCode.NoMatchingSubscribers => (new(PrinterLinkError.ConnectionLost, "no printer adapter subscribed to its job topic"), false),
                _ => (new(PrinterLinkError.ConnectionLost, $"broker refused the publish: {result.ReasonCode} {result.ReasonString}"), false),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new(PrinterLinkError.WriteTimeout, $"not acknowledged by the broker within {timeout}"), true);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
        {
            return (new(PrinterLinkError.ConnectionLost, ex.Message), true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.CloseQuietlyAsync();
        _stopping.Dispose();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var delivered = false;
        if (topic.StartsWith(_topicPrefix, StringComparison.Ordinal) && topic.EndsWith("/status", StringComparison.Ordinal))
        {
            var printerId = topic[_topicPrefix.Length..^"/status".Length];
            var payload = args.ApplicationMessage.Payload;
            delivered = _links.TryGetValue(printerId, out var link)
                && link.Deliver(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
        }

        if (!delivered)
        {
            Interlocked.Increment(ref _unsolicitedReplies);
        }

        return Task.CompletedTask;
    }
}
