namespace EdgeAgent.Exceptions;

/// <summary>The classification table, the teams and the resolution codes a site gets without configuring any.</summary>
internal static class ExceptionDefaults
{
    public static readonly string[] Teams = ["warehouse", "maintenance", "inventory-control", "customer-service"];

    public static readonly string[] ResolutionCodes =
        ["fixed", "replenished", "relabelled", "restocked", "cycle-counted", "false-alarm", "duplicate", ExceptionOptions.AutoCleared];

    public static Dictionary<string, ExceptionTypeOptions> Types() => new(StringComparer.Ordinal)
    {
        [ExceptionTypes.WrongItem] = Row(ExceptionSeverity.Low, "inventory-control", 15, "shift-lead"),
        [ExceptionTypes.WrongLocation] = Row(ExceptionSeverity.Low, "warehouse", 15, "shift-lead", threshold: 3),
        [ExceptionTypes.ShortPick] = Row(ExceptionSeverity.Medium, "inventory-control", 30, "shift-lead,operations-manager"),
        [ExceptionTypes.Damaged] = Row(ExceptionSeverity.Medium, "inventory-control", 30, "shift-lead"),
        [ExceptionTypes.Jam] = Row(ExceptionSeverity.High, "maintenance", 5, "shift-lead,operations-manager"),
        [ExceptionTypes.DoorOpen] = Row(ExceptionSeverity.Medium, "warehouse", 10, "shift-lead"),
        [ExceptionTypes.PaperOut] = Row(ExceptionSeverity.High, "warehouse", 10, "maintenance,shift-lead"),
        [ExceptionTypes.HeadOpen] = Row(ExceptionSeverity.High, "maintenance", 10, "shift-lead"),
        [ExceptionTypes.RibbonOut] = Row(ExceptionSeverity.High, "warehouse", 10, "maintenance,shift-lead"),
        [ExceptionTypes.LabelFailed] = Row(ExceptionSeverity.High, "warehouse", 15, "customer-service"),
        [ExceptionTypes.CartonNoRead] = Row(ExceptionSeverity.Low, "warehouse", 15, "shift-lead"),
        [ExceptionTypes.ReadsMissing] = Row(ExceptionSeverity.High, "warehouse", 15, "shift-lead,operations-manager"),
        [ExceptionTypes.BridgeUnreachable] = Row(ExceptionSeverity.Critical, "maintenance", 5, "operations-manager"),
    };

    private static ExceptionTypeOptions Row(ExceptionSeverity severity, string team, int slaMinutes, string escalateTo, int threshold = 1) => new()
    {
        Severity = severity,
        Team = team,
        Sla = TimeSpan.FromMinutes(slaMinutes),
        EscalateTo = escalateTo,
        Threshold = threshold,
    };
}
