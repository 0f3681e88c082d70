using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>Why a conveyor scanner's read message was dropped before decoding (README, "Bad input").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScannerReadError>))]
public enum ScannerReadError
{
    [JsonStringEnumMemberName("malformed-json")] MalformedJson,
    [JsonStringEnumMemberName("unsupported-version")] UnsupportedVersion,
    [JsonStringEnumMemberName("missing-field")] MissingField,
    [JsonStringEnumMemberName("bad-field")] BadField,
    [JsonStringEnumMemberName("payload-too-large")] PayloadTooLarge,
    [JsonStringEnumMemberName("unknown-channel")] UnknownChannel,
}
