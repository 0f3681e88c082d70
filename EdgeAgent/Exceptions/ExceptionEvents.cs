using System.Text.Json;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Exceptions;

/// <summary>The floor events an exception's life produces (so central and the KPIs see them), with compact JSON details.</summary>
internal static class ExceptionEvents
{
    public const string Opened = "exception.opened";
    public const string Escalated = "exception.escalated";
    public const string Acknowledged = "exception.acknowledged";
    public const string Resolved = "exception.resolved";
    public const string Source = "exceptions";

    public static void Record(FloorCollections floor, string type, ExceptionCase c, DateTime at, object detail, string? actor = null) =>
        floor.Record(new FloorEvent
        {
            At = at,
            Type = type,
            DeviceId = Source,
            PickerId = actor,
            TaskId = c.TaskId,
            Detail = JsonSerializer.Serialize(detail, JsonSerializerOptions.Web),
        });
}
