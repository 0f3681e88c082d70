namespace EdgeAgent.ShiftScenario.Scenario;

/// <summary>The disruptions a scenario may name, and what each needs.</summary>
public static class DisruptionKinds
{
    /// <summary>Inbound is late: the pick faces of an aisle are empty for a while (pickers short-pick there).</summary>
    public const string ReceivingDelay = "receiving-delay";

    /// <summary>A burst of urgent orders from the top tier, due within the hour.</summary>
    public const string PriorityRush = "priority-rush";

    /// <summary>An aisle cannot be walked (a spill, a forklift): picks there stall until the supervisor blocks it.</summary>
    public const string BlockedAisle = "blocked-aisle";

    /// <summary>Pickers log out and go home mid-shift.</summary>
    public const string PickerLeaves = "picker-leaves";

    /// <summary>A carrier's departures move earlier; the floor learns it only as its orders' cut-offs.</summary>
    public const string CutOffEarlier = "cutoff-earlier";

    /// <summary>A label printer runs out of paper (<c>count</c>: which printer, from 1) until someone reloads it after <c>minutes</c>.</summary>
    public const string PrinterPaperOut = "printer-paper-out";

    /// <summary>A carton sticks on the take-away conveyor's infeed photo-eye for <c>minutes</c>; cartons queue behind it.</summary>
    public const string ConveyorJam = "conveyor-jam";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ReceivingDelay, PriorityRush, BlockedAisle, PickerLeaves, CutOffEarlier, PrinterPaperOut, ConveyorJam,
    };

    /// <summary>The kinds played on the conveyor's devices (printers, photo-eye).</summary>
    public static bool OnDevices(string kind) => kind is PrinterPaperOut or ConveyorJam;
}
