using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>The pick task a prompt is about, as the handheld shows it.</summary>
/// <param name="Order">The customer order the line belongs to; left out when not known.</param>
/// <param name="Handling">How to handle the goods (<c>fragile</c>, <c>bulky</c>, <c>cold</c> …); left out when nothing special.</param>
public sealed record PromptTask(
    string Id,
    string Location,
    string Sku,
    int Qty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Order = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Handling = null);
