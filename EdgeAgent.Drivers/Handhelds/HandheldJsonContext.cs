using System.Text.Json.Serialization;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>Source-generated JSON for the handheld protocol: no reflection, camelCase names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HandheldPrompt))]
internal sealed partial class HandheldJsonContext : JsonSerializerContext;
