using EdgeAgent.Fulfilment;

namespace EdgeAgent.Exceptions;

/// <summary>Which floor events raise, clear or forget which exceptions: one row per event type.</summary>
internal static class ExceptionRules
{
    private static readonly (string Fault, string Type)[] PrinterFaults =
    [
        ("PaperOut", ExceptionTypes.PaperOut),
        ("HeadOpen", ExceptionTypes.HeadOpen),
        ("RibbonOut", ExceptionTypes.RibbonOut),
    ];

    private static readonly Dictionary<string, Func<FloorEvent, FloorCollections, IEnumerable<TriageStep>>> Table = new(StringComparer.Ordinal)
    {
        ["scan.rejected"] = (e, _) => WrongScan(e),
        ["task.short"] = (e, floor) => [.. Forget(e), .. AtLocation(ExceptionTypes.ShortPick, e, floor)],
        ["task.picked"] = (e, _) => Forget(e),
        ["item.damaged"] = (e, floor) => AtLocation(ExceptionTypes.Damaged, e, floor),
        ["conveyor.jam"] = (e, _) => [Raise(ExceptionTypes.Jam, e.DeviceId)],
        ["conveyor.jam-cleared"] = (e, _) => [Clear(ExceptionTypes.Jam, e.DeviceId)],
        ["door.open-too-long"] = (e, _) => [Raise(ExceptionTypes.DoorOpen, e.DeviceId)],
        ["printer.faulted"] = (e, _) => PrinterFaults.Where(f => e.Detail.Contains(f.Fault, StringComparison.Ordinal)).Select(f => Raise(f.Type, e.DeviceId)),
        ["printer.recovered"] = (e, _) => PrinterFaults.Select(f => Clear(f.Type, e.DeviceId)),
        ["label.failed"] = (e, _) => [Raise(ExceptionTypes.LabelFailed, e.TaskId ?? e.DeviceId)],
        ["label.printed"] = (e, _) => e.TaskId is { } sscc ? [Clear(ExceptionTypes.LabelFailed, sscc)] : [],
        ["carton.no-read"] = (e, _) => [Raise(ExceptionTypes.CartonNoRead, e.DeviceId)],
        [BridgeEvents.Unreachable] = (_, _) => [Raise(ExceptionTypes.BridgeUnreachable, BridgeEvents.Central)],
        [BridgeEvents.Recovered] = (_, _) => [Clear(ExceptionTypes.BridgeUnreachable, BridgeEvents.Central)],
    };

    /// <summary>The exception steps for one floor event; none for the many events that are not problems.</summary>
    public static IEnumerable<TriageStep> For(FloorEvent floorEvent, FloorCollections floor) =>
        Table.TryGetValue(floorEvent.Type, out var rule) ? rule(floorEvent, floor) : [];

    private static IEnumerable<TriageStep> WrongScan(FloorEvent e)
    {
        // The workflow writes the handheld's error code first: "WrongItem: Wrong item ...".
        var type = e.Detail.StartsWith("WrongItem:", StringComparison.Ordinal) ? ExceptionTypes.WrongItem
            : e.Detail.StartsWith("WrongLocation:", StringComparison.Ordinal) ? ExceptionTypes.WrongLocation
            : null;
        return type is null ? [] : [Raise(type, PickerTask(e))];
    }

    private static IEnumerable<TriageStep> Forget(FloorEvent e) =>
        [new(TriageVerb.Forget, ExceptionTypes.WrongLocation, PickerTask(e)), new(TriageVerb.Forget, ExceptionTypes.WrongItem, PickerTask(e))];

    private static IEnumerable<TriageStep> AtLocation(string type, FloorEvent e, FloorCollections floor) =>
        e.TaskId is { } id && floor.Tasks.FindById(id) is { } task ? [Raise(type, $"{task.Sku}@{task.Location}")] : [];

    private static string PickerTask(FloorEvent e) => $"{e.PickerId}/{e.TaskId}";

    private static TriageStep Raise(string type, string subject) => new(TriageVerb.Raise, type, subject);

    private static TriageStep Clear(string type, string subject) => new(TriageVerb.Clear, type, subject);
}
