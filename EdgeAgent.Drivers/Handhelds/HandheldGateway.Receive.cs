using System.Buffers;
using EdgeAgent.Drivers.Mqtt;
using MQTTnet.Protocol;
using MQTTnet;

namespace EdgeAgent.Drivers.Handhelds;

public sealed partial class HandheldGateway
{
    // Runs one message at a time on MQTTnet's receive path. It only parses and takes an in-flight
    // slot; the callback runs elsewhere, so many events can wait for the same group commit. When
    // every slot is taken this awaits, and MQTTnet stops acknowledging: backpressure to the broker.
    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (!DeviceTopic.TryParse(message.Topic, out var topic)
            || topic.Site != _options.Site
            || topic.DeviceKind != DeviceKind
            || topic.Channel is PromptChannel or StatusChannel)
        {
            return;
        }

        Interlocked.Increment(ref _received);
        var result = topic.Channel == EventChannel
            ? Parse(message.Payload, topic.DeviceId)
            : HandheldParseResult.Rejected(HandheldErrorCode.UnknownChannel, $"Channel '{topic.Channel}' is not served; publish events on '{EventChannel}'");

        var stopping = _stopping.Token;
        try
        {
            await _slots.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _ = Task.Run(() => AnswerAsync(topic, result, stopping), CancellationToken.None);
    }

    private HandheldParseResult Parse(ReadOnlySequence<byte> payload, string deviceId)
    {
        // The payload buffer belongs to MQTTnet only until this handler returns: parse now, keep nothing.
        if (payload.IsSingleSegment)
        {
            return HandheldMessageParser.Parse(payload.FirstSpan, deviceId, _options.MaxPayloadBytes);
        }

        return payload.Length > _options.MaxPayloadBytes
            ? HandheldParseResult.Rejected(HandheldErrorCode.PayloadTooLarge, $"Payload of {payload.Length} bytes is over the {_options.MaxPayloadBytes}-byte limit")
            : HandheldMessageParser.Parse(payload.ToArray(), deviceId, _options.MaxPayloadBytes);
    }

    private async Task AnswerAsync(DeviceTopic topic, HandheldParseResult result, CancellationToken stopping)
    {
        try
        {
            var prompt = result.IsValid
                ? await InvokeCallbackAsync(result.Message, stopping)
                : Reject(topic.DeviceId, result.Rejection);
            if (prompt is null)
            {
                return;
            }

            await PublishPromptAsync(topic.WithChannel(PromptChannel), prompt, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the device resends and the next run answers.
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            // Not connected or the broker went away mid-publish; the device resends.
            if (_logLimiter.ShouldLog("publish", out var suppressed))
            {
                LogPublishFailed(ex, topic.DeviceId, suppressed);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<HandheldPrompt?> InvokeCallbackAsync(HandheldMessage message, CancellationToken stopping)
    {
        HandheldPrompt? prompt;
        try
        {
            prompt = await _onMessage!(message, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A failing callback must cost one event an 'internal' answer, never the gateway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _callbackFailures);
            LogCallbackFailed(ex, message.DeviceId, message.Seq, message.Type);
            return Reject(message.DeviceId, new HandheldRejection(HandheldErrorCode.Internal, "Internal error; please try again", message.Seq));
        }

        if (prompt is null)
        {
            Interlocked.Increment(ref _callbackFailures);
            LogCallbackReturnedNull(message.DeviceId, message.Seq);
            return Reject(message.DeviceId, new HandheldRejection(HandheldErrorCode.Internal, "Internal error; please try again", message.Seq));
        }

        Interlocked.Increment(ref _answered);
        return prompt;
    }

    private HandheldPrompt Reject(string deviceId, HandheldRejection rejection)
    {
        Interlocked.Increment(ref _errorsByCode[(int)rejection.Error]);
        if (rejection.Error != HandheldErrorCode.Internal && _logLimiter.ShouldLog($"{deviceId}\n{rejection.Error}", out var suppressed))
        {
            LogRejected(deviceId, rejection.Error, rejection.Reason, suppressed);
        }

        return rejection.ToPrompt();
    }

    /// <summary>
    /// Sends a handheld a prompt it did not ask for (see <see cref="HandheldPrompt.Push"/>). Best effort, like
    /// every answer: the prompt is also the device's stored last answer, so a device that misses it gets it
    /// again with the answer to its next resend.
    /// </summary>
    public async Task PushPromptAsync(string deviceId, HandheldPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!DeviceTopic.IsValidSegment(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a valid device id", nameof(deviceId));
        }

        try
        {
            await PublishPromptAsync(new DeviceTopic(_options.Site, DeviceKind, deviceId, PromptChannel), prompt, cancellationToken);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            if (_logLimiter.ShouldLog("publish", out var suppressed))
            {
                LogPublishFailed(ex, deviceId, suppressed);
            }
        }
    }

    private async Task PublishPromptAsync(DeviceTopic promptTopic, HandheldPrompt prompt, CancellationToken stopping)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(promptTopic.ToString())
            .WithPayload(prompt.ToUtf8Json())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
        var result = await _connection.PublishAsync(message, stopping);
        if (!result.IsSuccess && _logLimiter.ShouldLog($"{promptTopic.DeviceId}\nrefused", out var suppressed))
        {
            LogPromptRefused(promptTopic.DeviceId, result.ReasonCode, suppressed);
        }
    }
}
