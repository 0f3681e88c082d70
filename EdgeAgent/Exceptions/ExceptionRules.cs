using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Events;
using PrinterFaults = EdgeAgent.Drivers.Printers.PrinterFaults;

namespace EdgeAgent.Exceptions;

/// <summary>Which floor events raise, clear or forget which exceptions: one arm per event type.</summary>
internal static class ExceptionRules
{
    private static readonly (PrinterFaults Fault, string Type)[] PrinterFaultTypes =
    [
        (PrinterFaults.PaperOut, ExceptionTypes.PaperOut),
        (PrinterFaults.HeadOpen, ExceptionTypes.HeadOpen),
        (PrinterFaults.RibbonOut, ExceptionTypes.RibbonOut),
    ];

    /// <summary>The exception steps for one floor event; none for the many events that are not problems.</summary>
    public static IEnumerable<TriageStep> For(FloorEvent floorEvent) => floorEvent switch
    {
        ScanRejected { Error: HandheldErrorCode.WrongItem } e => [AboutTask(ExceptionTypes.WrongItem, e.PickerId, e.TaskId)],
        ScanRejected { Error: HandheldErrorCode.WrongLocation } e => [AboutTask(ExceptionTypes.WrongLocation, e.PickerId, e.TaskId)],
        TaskShortPicked e => [.. Forget(e.PickerId, e.TaskId), AtLocation(ExceptionTypes.ShortPick, e.Sku, e.Location, e.PickerId, e.TaskId)],
        TaskPicked e => Forget(e.PickerId, e.TaskId),
        ItemDamaged e => [AtLocation(ExceptionTypes.Damaged, e.Sku, e.Location, e.PickerId, e.TaskId)],
        ConveyorJammed e => [Raise(ExceptionTypes.Jam, e.DeviceId)],
        ConveyorJamCleared e => [Clear(ExceptionTypes.Jam, e.DeviceId)],
        DoorOpenTooLong e => [Raise(ExceptionTypes.DoorOpen, e.DeviceId)],
        DoorClosed e => [Clear(ExceptionTypes.DoorOpen, e.DeviceId)],
        PrinterFaulted e => PrinterFaultTypes.Where(f => e.Faults.HasFlag(f.Fault)).Select(f => Raise(f.Type, e.DeviceId)),
        PrinterRecovered e => PrinterFaultTypes.Select(f => Clear(f.Type, e.DeviceId)),
        LabelFailed e => [Raise(ExceptionTypes.LabelFailed, e.Sscc ?? e.DeviceId)],
        LabelPrinted { Sscc: { } sscc } => [Clear(ExceptionTypes.LabelFailed, sscc)],
        CartonNoRead e => [Raise(ExceptionTypes.CartonNoRead, e.DeviceId)],
        DeviceReadsMissing e => [Raise(ExceptionTypes.ReadsMissing, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Family}:{e.DeviceId}#{e.FirstMissing}-{e.LastMissing}"))],
        BridgeUnreachable => [Raise(ExceptionTypes.BridgeUnreachable, BridgeEvents.Central)],
        BridgeRecovered => [Clear(ExceptionTypes.BridgeUnreachable, BridgeEvents.Central)],
        _ => [],
    };

    private static TriageStep AboutTask(string type, string? pickerId, string? taskId) =>
        new(TriageVerb.Raise, type, PickerTask(pickerId, taskId), pickerId, taskId);

    private static TriageStep[] Forget(string pickerId, string taskId) =>
    [
        new(TriageVerb.Forget, ExceptionTypes.WrongLocation, PickerTask(pickerId, taskId)),
        new(TriageVerb.Forget, ExceptionTypes.WrongItem, PickerTask(pickerId, taskId)),
    ];

    private static TriageStep AtLocation(string type, string sku, string location, string pickerId, string taskId) =>
        new(TriageVerb.Raise, type, $"{sku}@{location}", pickerId, taskId);

    private static string PickerTask(string? pickerId, string? taskId) => $"{pickerId}/{taskId}";

    private static TriageStep Raise(string type, string subject) => new(TriageVerb.Raise, type, subject);

    private static TriageStep Clear(string type, string subject) => new(TriageVerb.Clear, type, subject);
}
