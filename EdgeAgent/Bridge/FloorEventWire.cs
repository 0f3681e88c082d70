using System.Collections;
using System.Collections.Frozen;
using System.Reflection;
using EdgeAgent.Events;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using WireEvent = CloudBridge.Contract.Floor.V1.FloorEvent;

namespace EdgeAgent.Bridge;

/// <summary>
/// Maps the agent's typed floor events to their wire form (<c>floor_events.proto</c>) and back: each record
/// type to the message of the same name in <c>FloorEvent.body</c>, each property to the field of the same
/// name. The map is built once from both sides and refuses a type or field the other side lacks, so a new
/// event type cannot ship without its wire form (the contract tests build it).
/// </summary>
public static class FloorEventWire
{
    /// <summary>What <c>EventEnvelope.schema</c> says for a floor event's payload.</summary>
    public static readonly string Schema = WireEvent.Descriptor.FullName;

    private static readonly string[] EnvelopeProperties =
        [nameof(FloorEvent.Id), nameof(FloorEvent.At), nameof(FloorEvent.DeviceId), nameof(FloorEvent.Seq), nameof(FloorEvent.Type)];

    private static readonly FrozenDictionary<System.Type, BodyMap> ByType = Build();

    private static readonly FrozenDictionary<int, BodyMap> ByField = ByType.Values.ToFrozenDictionary(m => m.Body.FieldNumber);

    public static WireEvent ToWire(FloorEvent floorEvent)
    {
        ArgumentNullException.ThrowIfNull(floorEvent);
        var map = ByType[floorEvent.GetType()];
        var body = (IMessage)Activator.CreateInstance(map.Body.MessageType.ClrType)!;
        foreach (var (property, field) in map.Fields)
        {
            WireValue.Write(body, field, property.PropertyType, property.GetValue(floorEvent));
        }

        var message = new WireEvent { Type = floorEvent.Type, At = WireValue.ToTimestamp(floorEvent.At), DeviceId = floorEvent.DeviceId, Seq = floorEvent.Seq };
        map.Body.Accessor.SetValue(message, body);
        return message;
    }

    public static byte[] Encode(FloorEvent floorEvent) => ToWire(floorEvent).ToByteArray();

    /// <summary>The typed event a wire message carries; throws <see cref="InvalidDataException"/> when its body is missing or unknown.</summary>
    public static FloorEvent FromWire(WireEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ByField.TryGetValue((int)message.BodyCase, out var map))
        {
            throw new InvalidDataException($"Floor event '{message.Type}' has no body this agent knows (case {message.BodyCase})");
        }

        var body = (IMessage)map.Body.Accessor.GetValue(message);
        var floorEvent = (FloorEvent)Activator.CreateInstance(map.RecordType)!;
        Set(floorEvent, nameof(FloorEvent.At), message.At?.ToDateTime() ?? DateTime.MinValue);
        Set(floorEvent, nameof(FloorEvent.DeviceId), message.DeviceId);
        Set(floorEvent, nameof(FloorEvent.Seq), message.Seq);
        foreach (var (property, field) in map.Fields)
        {
            property.SetValue(floorEvent, WireValue.Read(body, field, property.PropertyType));
        }

        return floorEvent;
    }

    public static FloorEvent Decode(ReadOnlySpan<byte> payload) => FromWire(WireEvent.Parser.ParseFrom(payload));

    private static void Set(FloorEvent floorEvent, string name, object value) =>
        typeof(FloorEvent).GetProperty(name)!.SetValue(floorEvent, value);

    private static FrozenDictionary<System.Type, BodyMap> Build()
    {
        var bodies = WireEvent.Descriptor.Oneofs.Single(o => o.Name == "body").Fields.ToDictionary(f => f.MessageType.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        var maps = new Dictionary<System.Type, BodyMap>();
        foreach (var type in FloorEventTypes.All)
        {
            if (!bodies.Remove(type.Name, out var body))
            {
                problems.Add($"{type.Name} ({FloorEventTypes.WireName(type)}) has no message in FloorEvent.body");
                continue;
            }

            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => !EnvelopeProperties.Contains(p.Name)).ToDictionary(p => p.Name, StringComparer.Ordinal);
            var fields = new List<(PropertyInfo, FieldDescriptor)>();
            foreach (var field in body.MessageType.Fields.InFieldNumberOrder())
            {
                if (properties.Remove(field.PropertyName, out var property))
                {
                    fields.Add((property, field));
                }
                else
                {
                    problems.Add($"{type.Name} has no property for wire field {body.MessageType.Name}.{field.Name}");
                }
            }

            problems.AddRange(properties.Keys.Select(p => $"{type.Name}.{p} has no wire field in message {body.MessageType.Name}"));
            maps[type] = new BodyMap(type, body, [.. fields]);
        }

        problems.AddRange(bodies.Keys.Select(m => $"wire message {m} has no floor event type"));
        return problems.Count == 0
            ? maps.ToFrozenDictionary()
            : throw new InvalidOperationException("Floor events and floor_events.proto disagree: " + string.Join("; ", problems));
    }

    private sealed record BodyMap(System.Type RecordType, FieldDescriptor Body, (PropertyInfo Property, FieldDescriptor Field)[] Fields);

    /// <summary>One field's value between its CLR property type and protobuf's representation.</summary>
    private static class WireValue
    {
        public static Timestamp ToTimestamp(DateTime at) => Timestamp.FromDateTime(
            at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime());

        public static void Write(IMessage body, FieldDescriptor field, System.Type type, object? value)
        {
            if (value is null)
            {
                return; // an optional field left unset
            }

            var plain = Nullable.GetUnderlyingType(type) ?? type;
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(body);
                foreach (var item in plain.IsEnum ? FlagNames((Enum)value) : (IEnumerable)value)
                {
                    list.Add(item);
                }

                return;
            }

            field.Accessor.SetValue(body, value switch
            {
                DateTime at => ToTimestamp(at),
                Enum e => e.ToString(),
                _ => value,
            });
        }

        public static object? Read(IMessage body, FieldDescriptor field, System.Type type)
        {
            var plain = Nullable.GetUnderlyingType(type) ?? type;
            if (field.IsRepeated)
            {
                var items = ((IList)field.Accessor.GetValue(body)).Cast<string>().ToArray();
                return plain.IsEnum
                    ? Enum.ToObject(plain, items.Aggregate(0L, (all, name) => all | Convert.ToInt64(Enum.Parse(plain, name), System.Globalization.CultureInfo.InvariantCulture)))
                    : items;
            }

            if (field.HasPresence && !field.Accessor.HasValue(body))
            {
                return null;
            }

            var value = field.Accessor.GetValue(body);
            return value switch
            {
                Timestamp at => at.ToDateTime(),
                string text when plain.IsEnum => Enum.Parse(plain, text),
                _ => value,
            };
        }

        private static IEnumerable<string> FlagNames(Enum flags) =>
            Enum.GetValues(flags.GetType()).Cast<Enum>().Where(f => Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture) != 0 && flags.HasFlag(f)).Select(f => f.ToString());
    }
}
