using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeAgent.Drivers.Handhelds;

public sealed partial class HandheldGateway
{
    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Input from handheld {DeviceId} rejected: {Error}: {Reason} ({Suppressed} similar rejections not logged)")]
    private partial void LogRejected(string deviceId, HandheldErrorCode error, string reason, long suppressed);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Handling {Type} seq {Seq} from handheld {DeviceId} failed; answered 'internal'")]
    private partial void LogCallbackFailed(Exception exception, string deviceId, long seq, HandheldMessageType type);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Handling seq {Seq} from handheld {DeviceId} returned no prompt; answered 'internal'")]
    private partial void LogCallbackReturnedNull(string deviceId, long seq);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Prompt to handheld {DeviceId} not published; the device will resend ({Suppressed} similar failures not logged)")]
    private partial void LogPublishFailed(Exception exception, string deviceId, long suppressed);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Handheld gateway stopped before every answer in flight was published")]
    private partial void LogStopTimedOut();

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "Broker refused the prompt to handheld {DeviceId}: {ReasonCode} ({Suppressed} similar refusals not logged)")]
    private partial void LogPromptRefused(string deviceId, MqttClientPublishReasonCode reasonCode, long suppressed);
}
