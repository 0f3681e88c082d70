using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>Everything one rebalance works on; the object is reused between calls to spare the allocations.</summary>
internal sealed class PlanningRun
{
    public RebalanceRequest Request { get; private set; } = null!;

    public Deadline Deadline { get; private set; }

    public int Call { get; private set; }

    /// <summary>Available pickers; their index here is "the picker" everywhere in a run.</summary>
    public List<PickerState> Pickers { get; } = [];

    public List<PickerProfile> Profiles { get; } = [];

    public List<BinLocation> Starts { get; } = [];

    public List<int> Horizons { get; } = [];

    public List<List<PlannedStep>> Steps { get; } = [];

    public double[] Exposure { get; private set; } = [];

    public float[] Risk { get; private set; } = [];

    public int[] Congestion { get; set; } = [];

    /// <summary>Slots by exposure, highest first; the source of every picker's urgent candidates.</summary>
    public int[] ByExposure { get; set; } = [];

    public double TotalExposure { get; set; }

    public Dictionary<int, int[]> Urgent { get; } = [];

    public RunCounters Counters { get; } = new();

    /// <summary>Set when time ran short and later steps were left unplanned.</summary>
    public bool LaterStepsCut { get; set; }

    private int[] _takenCall = [];
    private int[] _takenBy = [];

    public void Begin(RebalanceRequest request, Deadline deadline, int call, int slots)
    {
        Request = request;
        Deadline = deadline;
        Call = call;
        Pickers.Clear();
        Profiles.Clear();
        Starts.Clear();
        Horizons.Clear();
        Steps.Clear();
        Urgent.Clear();
        Counters.Reset();
        LaterStepsCut = false;
        if (Exposure.Length < slots)
        {
            var n = Math.Max(slots, Exposure.Length * 2);
            Exposure = new double[n];
            Risk = new float[n];
            _takenCall = new int[n];
            _takenBy = new int[n];
        }
    }

    public void AddPicker(PickerState picker, PickerProfile profile, BinLocation start, int horizon)
    {
        Pickers.Add(picker);
        Profiles.Add(profile);
        Starts.Add(start);
        Horizons.Add(horizon);
        Steps.Add([]);
    }

    public bool IsTaken(int slot) => _takenCall[slot] == Call;

    /// <summary>The picker a slot went to in this run, or -1.</summary>
    public int TakenBy(int slot) => _takenCall[slot] == Call ? _takenBy[slot] : -1;

    public void Take(int slot, int picker)
    {
        _takenCall[slot] = Call;
        _takenBy[slot] = picker;
    }

    public void Release(int slot) => _takenCall[slot] = 0;

    /// <summary>Where the picker stands before its next planned step.</summary>
    public BinLocation PositionAfterPlan(int picker, TaskTable tasks) =>
        Steps[picker].Count == 0 ? Starts[picker] : tasks.Bin[Steps[picker][^1].Slot];
}
