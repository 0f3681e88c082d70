using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>What the handheld should do next.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromptKind>))]
public enum PromptKind
{
    [JsonStringEnumMemberName("go-to-location")] GoToLocation,
    [JsonStringEnumMemberName("scan-item")] ScanItem,
    [JsonStringEnumMemberName("enter-quantity")] EnterQuantity,
    [JsonStringEnumMemberName("no-work")] NoWork,
    [JsonStringEnumMemberName("logged-out")] LoggedOut,
    [JsonStringEnumMemberName("error")] Error,
}
