using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Simulators.Handhelds;

/// <summary>
/// A handheld as the real app behaves, speaking only the published protocol: presence by retained
/// status and last will, one event at a time, the same message resent until its prompt arrives.
/// </summary>
public sealed class HandheldClient : IAsyncDisposable
{
    private static readonly byte[] Online = """{"v":1,"online":true}"""u8.ToArray();
    private static readonly byte[] Offline = """{"v":1,"online":false}"""u8.ToArray();

    private readonly HandheldClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly string _topicPrefix;
    private PendingSend? _pending;
    private TaskCompletionSource<SimPrompt>? _nextPrompt;
    private long _lastSeq;
    private readonly Channel<SimPrompt> _pushes = Channel.CreateUnbounded<SimPrompt>(new UnboundedChannelOptions { SingleReader = true });
    private long _pushesReceived;
    private long _resends;
    private long _ignoredPrompts;
    private long _reconnects;

    public HandheldClient(HandheldClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _topicPrefix = $"dc/{options.Site}/handheld/{options.DeviceId}/";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnPromptReceivedAsync;
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>The <c>seq</c> of the last message sent.</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    /// <summary>How many times a message was sent again because its prompt did not come in time.</summary>
    public long Resends => Interlocked.Read(ref _resends);

    /// <summary>Prompts that answered nothing being waited for (late duplicates, old seqs, unreadable payloads).</summary>
    public long IgnoredPrompts => Interlocked.Read(ref _ignoredPrompts);

    /// <summary>Prompts the agent sent on its own (they carry <c>push</c>).</summary>
    public long PushesReceived => Interlocked.Read(ref _pushesReceived);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a prompt the agent pushes unasked that is still current: one
    /// decided after this device's last message was applied (its <c>ack</c> is that message's <c>seq</c>).
    /// Older pushes were overtaken by the answer to a later message and are dropped. Null on time-out.
    /// </summary>
    public async Task<SimPrompt?> WaitForPushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _timeProvider);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            while (true)
            {
                var push = await _pushes.Reader.ReadAsync(wait.Token);
                if (push.Ack >= LastSeq)
                {
                    return push;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>How many times the handheld connected again after the broker dropped it (before an event or a status).</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = ConnectOptions();
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Handheld {DeviceId} could not connect: {result.ResultCode} {result.ReasonString}");
        }

        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_topicPrefix + "prompt", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
        await PublishAsync("status", Online, retain: true, cancellationToken);
    }

    private MqttClientOptions ConnectOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithCredentials(_options.Password is null ? null : _options.DeviceId, _options.Password)
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.DeviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithCleanStart(true)
            .WithWillTopic(_topicPrefix + "status")
            .WithWillPayload(Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Tls)
        {
            var trust = new X509Certificate2Collection();
            if (_options.CaCertificatePath is not null)
            {
                trust.ImportFromPemFile(_options.CaCertificatePath);
            }

            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls().WithTargetHost(_options.Host);
                if (trust.Count > 0)
                {
                    o.WithTrustChain(trust);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Sends <paramref name="body"/> with <c>v</c> and the next <c>seq</c>, resending it until the prompt with that <c>ack</c> arrives.</summary>
    public async Task<SimPrompt> SendAsync(JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var seq = Interlocked.Increment(ref _lastSeq);
            var payload = Serialize(body, seq);
            var pending = new PendingSend(seq);
            Volatile.Write(ref _pending, pending);
            while (true)
            {
                using var resendTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // Armed before publishing, so a fake clock advanced once the message was seen always fires it.
                var resendDue = Task.Delay(_options.ResendInterval, _timeProvider, resendTimer.Token);
                await TryPublishEventAsync(payload, cancellationToken);
                if (await Task.WhenAny(pending.Answer.Task, resendDue) == pending.Answer.Task)
                {
                    await resendTimer.CancelAsync();
                    return await pending.Answer.Task;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _resends);
            }
        }
        finally
        {
            Volatile.Write(ref _pending, null);
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Says which floor zone the handheld is in now (its retained status with <c>zone</c>, as a device does from
    /// the Wi-Fi access point or location beacon it sees); the agent's presence keeps it.
    /// </summary>
    public async Task ReportZoneAsync(string zone, CancellationToken cancellationToken) =>
        await PublishAsync("status", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { v = 1, online = true, zone }), retain: true, cancellationToken);

    /// <summary>
    /// Publishes the handheld's status (not retained: the app's heartbeat), connecting again first when the broker
    /// dropped it, as the app does; waits for nothing. Throws only when the broker cannot be reached again.
    /// </summary>
    public async Task SendStatusAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConnectAgainIfDroppedAsync(cancellationToken);
                await PublishAsync("status", payload.ToArray(), retain: false, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException or MQTTnet.Exceptions.MqttClientUnexpectedDisconnectReceivedException or InvalidOperationException
                && attempt < 50 && !cancellationToken.IsCancellationRequested)
            {
                // Dropped between the check and the publish, or the client is still taking the drop in ("connect/disconnect
                // is pending"): a moment later, connect and try again.
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    /// <summary>Publishes raw bytes on one of this device's channels, for bad-input tests; waits for nothing.</summary>
    public async Task SendRawAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        await PublishAsync(channel, payload.ToArray(), retain: false, cancellationToken);

    /// <summary>Publishes raw bytes and returns the next prompt that arrives, whatever it acknowledges.</summary>
    public async Task<SimPrompt> SendRawAndWaitAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var next = new TaskCompletionSource<SimPrompt>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _nextPrompt, next);
            await SendRawAsync(channel, payload, cancellationToken);
            return await next.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _nextPrompt, null);
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            // A clean disconnect suppresses the last will, so say goodbye as the app does on logout.
            await PublishAsync("status", Offline, retain: true, CancellationToken.None);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }

        _client.Dispose();
        _sendLock.Dispose();
    }

    private static byte[] Serialize(JsonObject body, long seq)
    {
        var message = new JsonObject { ["v"] = 1, ["seq"] = seq };
        foreach (var (name, value) in body)
        {
            if (name is not ("v" or "seq"))
            {
                message[name] = value?.DeepClone();
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            message.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task TryPublishEventAsync(byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAgainIfDroppedAsync(cancellationToken);
            await PublishAsync("event", payload, retain: false, cancellationToken);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not connected right now: the resend timer tries again, as the app does.
        }
    }

    /// <summary>The broker went away (restart, Wi-Fi roam): the app connects again before it says anything.</summary>
    private async Task ConnectAgainIfDroppedAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            await ConnectAsync(cancellationToken);
            Interlocked.Increment(ref _reconnects);
        }
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

    private Task OnPromptReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var prompt = SimPrompt.TryRead(args.ApplicationMessage.Payload.ToArray());
        if (prompt is null)
        {
            Interlocked.Increment(ref _ignoredPrompts);
            return Task.CompletedTask;
        }

        if (prompt.Push is not null)
        {
            Interlocked.Increment(ref _pushesReceived);
            _pushes.Writer.TryWrite(prompt);
        }

        if (Volatile.Read(ref _nextPrompt) is { } next && next.TrySetResult(prompt))
        {
            return Task.CompletedTask;
        }

        if (Volatile.Read(ref _pending) is { } pending && prompt.Ack == pending.Seq && pending.Answer.TrySetResult(prompt))
        {
            return Task.CompletedTask;
        }

        if (prompt.Push is null)
        {
            Interlocked.Increment(ref _ignoredPrompts);
        }

        return Task.CompletedTask;
    }

    private sealed class PendingSend(long seq)
    {
        public long Seq { get; } = seq;

        public TaskCompletionSource<SimPrompt> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
