using System.Reflection;
using EdgeAgent.Events;

namespace EdgeAgent.Tests.Events;

/// <summary>One filled-in event of every floor event type, made by reflection so a new type is covered without a test edit.</summary>
internal static class FloorEventSamples
{
    public static readonly DateTime At = new(2026, 12, 6, 8, 30, 15, 250, DateTimeKind.Utc);

    private static readonly string[] Envelope = [nameof(FloorEvent.Id), nameof(FloorEvent.At), nameof(FloorEvent.DeviceId), nameof(FloorEvent.Seq), nameof(FloorEvent.Type)];

    /// <summary>Every type, once with every optional field set and once with every optional field left out.</summary>
    public static IEnumerable<FloorEvent> All() =>
        FloorEventTypes.All.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t => new[] { Make(t, optionals: true), Make(t, optionals: false) });

    public static FloorEvent Make(Type type, bool optionals)
    {
        var floorEvent = (FloorEvent)Activator.CreateInstance(type)!;
        Set(floorEvent, nameof(FloorEvent.At), At);
        Set(floorEvent, nameof(FloorEvent.DeviceId), "dev-7");
        Set(floorEvent, nameof(FloorEvent.Seq), 42L);
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !Envelope.Contains(p.Name)))
        {
            var optional = nullability.Create(property).WriteState == NullabilityState.Nullable;
            property.SetValue(floorEvent, optional && !optionals ? null : Value(property));
        }

        return floorEvent;
    }

    private static object Value(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type).Cast<object>().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).Where(v => v != 0).ToArray();
            // A flags enum gets two flags at once, so the wire's list of names is tested with more than one.
            var flags = type.IsDefined(typeof(FlagsAttribute), false) ? values[0] | values[^1] : values[^1];
            return Enum.ToObject(type, flags);
        }

        return type switch
        {
            _ when type == typeof(string) => $"{property.Name}-ü-值",
            _ when type == typeof(int) => 17,
            _ when type == typeof(long) => 9_000_000_001L,
            _ when type == typeof(double) => 0.125,
            _ when type == typeof(bool) => true,
            _ when type == typeof(DateTime) => At.AddMinutes(5),
            _ => throw new InvalidOperationException($"No sample value for {property.DeclaringType!.Name}.{property.Name} of type {type.Name}: teach FloorEventSamples (and FloorEventWire) that type"),
        };
    }

    private static void Set(FloorEvent floorEvent, string name, object value) => typeof(FloorEvent).GetProperty(name)!.SetValue(floorEvent, value);
}
