using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>The error codes of the handheld protocol (README, "Agent → handheld").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HandheldErrorCode>))]
public enum HandheldErrorCode
{
    [JsonStringEnumMemberName("malformed-json")] MalformedJson,
    [JsonStringEnumMemberName("unsupported-version")] UnsupportedVersion,
    [JsonStringEnumMemberName("missing-field")] MissingField,
    [JsonStringEnumMemberName("bad-field")] BadField,
    [JsonStringEnumMemberName("payload-too-large")] PayloadTooLarge,
    [JsonStringEnumMemberName("unknown-channel")] UnknownChannel,
    [JsonStringEnumMemberName("unknown-device")] UnknownDevice,
    [JsonStringEnumMemberName("unknown-type")] UnknownType,
    [JsonStringEnumMemberName("not-logged-in")] NotLoggedIn,
    [JsonStringEnumMemberName("no-open-task")] NoOpenTask,
    [JsonStringEnumMemberName("wrong-location")] WrongLocation,
    [JsonStringEnumMemberName("wrong-item")] WrongItem,
    [JsonStringEnumMemberName("wrong-batch")] WrongBatch,
    [JsonStringEnumMemberName("expiry-too-soon")] ExpiryTooSoon,
    [JsonStringEnumMemberName("quantity-over")] QuantityOver,
    [JsonStringEnumMemberName("quantity-under")] QuantityUnder,
    [JsonStringEnumMemberName("out-of-order")] OutOfOrder,
    [JsonStringEnumMemberName("stale-sequence")] StaleSequence,
    [JsonStringEnumMemberName("not-authorized")] NotAuthorized,
    [JsonStringEnumMemberName("storage-full")] StorageFull,
    [JsonStringEnumMemberName("internal")] Internal,
}
