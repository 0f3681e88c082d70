namespace EdgeAgent.Exceptions;

/// <summary>The exception types the triage raises: the keys of the classification table.</summary>
public static class ExceptionTypes
{
    public const string WrongItem = "scan.wrong-item";
    public const string WrongLocation = "scan.wrong-location";
    public const string ShortPick = "scan.short-pick";
    public const string Damaged = "scan.damaged";
    public const string Jam = "sensor.jam";
    public const string DoorOpen = "sensor.door-open";
    public const string PaperOut = "printer.paper-out";
    public const string HeadOpen = "printer.head-open";
    public const string RibbonOut = "printer.ribbon-out";
    public const string LabelFailed = "printer.label-failed";
    public const string CartonNoRead = "carton.no-read";
    public const string BridgeUnreachable = "bridge.unreachable";
    public const string ReadsMissing = "device.reads-missing";
}
