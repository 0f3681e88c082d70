using System.Collections.Frozen;
using System.Reflection;

namespace EdgeAgent.Events;

/// <summary>The closed set of floor event types, by wire name, read once from the types themselves.</summary>
public static class FloorEventTypes
{
    private static readonly FrozenDictionary<Type, string> Names = typeof(FloorEvent).Assembly.GetTypes()
        .Where(t => t.IsSealed && t.IsSubclassOf(typeof(FloorEvent)))
        .ToFrozenDictionary(t => t, t => t.GetCustomAttribute<FloorEventTypeAttribute>()?.WireName
            ?? throw new InvalidOperationException($"Floor event type {t.Name} has no [FloorEventType] wire name"));

    private static readonly FrozenSet<Type> TelemetryTypes = Names.Keys
        .Where(t => t.GetCustomAttribute<FloorEventTypeAttribute>()!.Telemetry)
        .ToFrozenSet();

    private static readonly FrozenDictionary<string, Type> Types = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every event type.</summary>
    public static IReadOnlyCollection<Type> All => Names.Keys;

    public static string WireName(Type type) =>
        Names.TryGetValue(type, out var name) ? name : throw new ArgumentException($"{type.Name} is not a floor event type", nameof(type));

    public static string WireName<T>()
        where T : FloorEvent => WireName(typeof(T));

    /// <summary>True for telemetry (<see cref="FloorEventTypeAttribute.Telemetry"/>): shed first under pressure, never a business fact.</summary>
    public static bool IsTelemetry(Type type) => TelemetryTypes.Contains(type);

    public static Type? ByWireName(string wireName) => Types.GetValueOrDefault(wireName);
}
