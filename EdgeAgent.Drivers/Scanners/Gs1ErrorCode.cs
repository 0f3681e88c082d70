using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Scanners;

/// <summary>Why a scan could not be decoded (README, "Decode errors").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Gs1ErrorCode>))]
public enum Gs1ErrorCode
{
    [JsonStringEnumMemberName("empty")] Empty,
    [JsonStringEnumMemberName("malformed")] Malformed,
    [JsonStringEnumMemberName("unknown-ai")] UnknownAi,
    [JsonStringEnumMemberName("bad-length")] BadLength,
    [JsonStringEnumMemberName("too-long")] TooLong,
    [JsonStringEnumMemberName("bad-character")] BadCharacter,
    [JsonStringEnumMemberName("bad-check-digit")] BadCheckDigit,
    [JsonStringEnumMemberName("bad-date")] BadDate,
    [JsonStringEnumMemberName("missing-companion")] MissingCompanion,
    [JsonStringEnumMemberName("conflicting-ais")] ConflictingAis,
}
