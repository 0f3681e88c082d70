using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.ShiftScenario.Scenario;

/// <summary>One shift as a scenario file describes it: the floor, the people, the orders and what goes wrong.</summary>
public sealed record ShiftScenarioFile
{
    [Required(ErrorMessage = "name is required")]
    public string Name { get; init; } = "";

    public string Title { get; init; } = "";

    /// <summary>Seeds the floor truth; it must differ from the training data's seed (20240605).</summary>
    public int Seed { get; init; }

    public DateTimeOffset ShiftStart { get; init; } = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Range(0.25, 12, ErrorMessage = "shiftHours must be between 0.25 and 12")]
    public double ShiftHours { get; init; } = 8;

    [Required(ErrorMessage = "layout is required")]
    public FloorLayout Layout { get; init; } = new();

    [Required(ErrorMessage = "workforce is required")]
    public Workforce Workforce { get; init; } = new();

    [Required(ErrorMessage = "orders is required")]
    public OrderFlow Orders { get; init; } = new();

    [Required(ErrorMessage = "supervisor is required")]
    public SupervisorScript Supervisor { get; init; } = new();

    public IReadOnlyList<Disruption> Disruptions { get; init; } = [];

    /// <summary>The compressed form for CI: fewer pickers and a shorter shift, same floor and order mix.</summary>
    public QuickForm Quick { get; init; } = new();
}

/// <summary>The pick floor: aisles A…, bays from 1, levels from 1; an aisle is a zone (the agent's default).</summary>
public sealed record FloorLayout
{
    [Range(2, 26, ErrorMessage = "layout.aisles must be between 2 and 26")]
    public int Aisles { get; init; } = 8;

    [Range(2, 99, ErrorMessage = "layout.baysPerAisle must be between 2 and 99")]
    public int BaysPerAisle { get; init; } = 40;

    [Range(1, 9, ErrorMessage = "layout.levels must be between 1 and 9")]
    public int Levels { get; init; } = 4;

    public double AisleSpacing { get; init; } = 3.0;

    public double BayDepth { get; init; } = 1.5;

    /// <summary>Aisles kept cold: their tasks need the <c>cold</c> skill.</summary>
    public IReadOnlyList<string> ColdAisles { get; init; } = [];

    /// <summary>Share of picks in the front third of an aisle (fast movers slotted near the cross aisle).</summary>
    [Range(0, 1, ErrorMessage = "layout.frontShare must be between 0 and 1")]
    public double FrontShare { get; init; } = 0.5;

    /// <summary>Described for the reader; the runner plays only the pick floor (see the report's notes).</summary>
    public int Docks { get; init; }

    public int Printers { get; init; }

    public string Conveyor { get; init; } = "";
}

/// <summary>The pickers: how fast they are, where they may work, when they rest.</summary>
public sealed record Workforce
{
    [Range(1, 500, ErrorMessage = "workforce.pickers must be between 1 and 500")]
    public int Pickers { get; init; } = 100;

    /// <summary>Median pace (1 = the training floor's average picker); the bad day is slower.</summary>
    [Range(0.3, 2, ErrorMessage = "workforce.paceMedian must be between 0.3 and 2")]
    public double PaceMedian { get; init; } = 1.0;

    /// <summary>Spread of pace between people (log-normal sigma); the training floor drew 0.15.</summary>
    [Range(0, 1, ErrorMessage = "workforce.paceSigma must be between 0 and 1")]
    public double PaceSigma { get; init; } = 0.22;

    /// <summary>Share of pickers allowed in only part of the floor (a contiguous block of aisles).</summary>
    [Range(0, 1)]
    public double ZoneRestrictedShare { get; init; } = 0.3;

    /// <summary>Share of pickers trained for the cold aisles.</summary>
    [Range(0, 1)]
    public double ColdSkillShare { get; init; } = 0.3;

    /// <summary>Breaks as hours into the shift and minutes long; each picker's break starts within ±15 min of it.</summary>
    public IReadOnlyList<BreakSlot> Breaks { get; init; } = [];

    /// <summary>Share of location scans that first hit the wrong shelf.</summary>
    [Range(0, 0.5)]
    public double MistakeRate { get; init; } = 0.03;

    /// <summary>Log-normal noise on each pick's duration.</summary>
    [Range(0, 1)]
    public double DurationNoise { get; init; } = 0.18;
}

public sealed record BreakSlot(double AtHour, double Minutes);

/// <summary>How work arrives: orders of a few lines, customer tiers, carriers with departures, waves.</summary>
public sealed record OrderFlow
{
    /// <summary>Demand in lines per picker-hour (a picker manages about 45-55 on this floor).</summary>
    [Range(1, 200, ErrorMessage = "orders.linesPerPickerHour must be between 1 and 200")]
    public double LinesPerPickerHour { get; init; } = 46;

    [Range(1, 20)]
    public double MeanLines { get; init; } = 2.6;

    /// <summary>Orders released to the floor every this many minutes (a wave).</summary>
    [Range(1, 240, ErrorMessage = "orders.waveMinutes must be between 1 and 240")]
    public int WaveMinutes { get; init; } = 20;

    /// <summary>Backlog released before the shift starts, in hours of demand.</summary>
    [Range(0, 4)]
    public double OpeningBacklogHours { get; init; } = 0.5;

    public IReadOnlyList<CustomerTier> Tiers { get; init; } = [];

    public IReadOnlyList<Carrier> Carriers { get; init; } = [];
}

/// <summary>A customer tier: its share of orders, the agent's priority, and the least time it gets before its truck.</summary>
public sealed record CustomerTier(string Name, double Share, int Priority, int MinSlackMinutes);

/// <summary>A carrier: departures every so often from a first one; an order ships on the first departure past its slack.</summary>
public sealed record Carrier(string Name, double Share, int FirstDepartureMinutes, int EveryMinutes);

/// <summary>The scripted supervisor: how often they look at the console and how long they take to act.</summary>
public sealed record SupervisorScript
{
    [Range(10, 3600)]
    public int PollSeconds { get; init; } = 60;

    [Range(0, 120)]
    public double ResponseMedianMinutes { get; init; } = 4;

    [Range(0, 2)]
    public double ResponseSigma { get; init; } = 0.5;
}

/// <summary>Something that goes wrong: <c>kind</c> with when, how long and where.</summary>
public sealed record Disruption
{
    [Required]
    public string Kind { get; init; } = "";

    public double AtHour { get; init; }

    public double Minutes { get; init; }

    public string? Aisle { get; init; }

    public string? Carrier { get; init; }

    public int Count { get; init; }

    public string Note { get; init; } = "";
}

/// <summary>The CI form: fewer pickers, a shorter shift; disruptions keep their place as a share of the shift.</summary>
public sealed record QuickForm
{
    [Range(1, 500)]
    public int Pickers { get; init; } = 12;

    [Range(0.25, 12)]
    public double ShiftHours { get; init; } = 1.5;
}
