using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The open tasks in numbered slots that survive between rebalances, so caches can key on a slot; a
/// slot's version changes whenever it is reused, so a cached score never outlives its task.
/// </summary>
internal sealed class TaskTable
{
    private readonly WarehouseLayout _layout;
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private readonly List<int> _inputOrder = [];
    private int[] _seen = new int[1024];
    private int _generation;

    public TaskTable(WarehouseLayout layout)
    {
        _layout = layout;
        Index = new SpatialIndex(this, layout);
    }

    public OpenTask?[] Task { get; private set; } = new OpenTask?[1024];

    public BinLocation[] Bin { get; private set; } = new BinLocation[1024];

    public int[] ZoneId { get; private set; } = new int[1024];

    public int[] SkillId { get; private set; } = new int[1024];

    public int[] Version { get; private set; } = new int[1024];

    /// <summary>The order a slot's task belongs to, as an index into <see cref="Orders"/>.</summary>
    public int[] OrderOf { get; private set; } = new int[1024];

    public OrderBook Orders { get; } = new();

    /// <summary>The task's position in the request: the tie-breaker everywhere.</summary>
    public int[] Input { get; private set; } = new int[1024];

    /// <summary>Slots below this may be in use.</summary>
    public int HighWater { get; private set; }

    /// <summary>Live slots in request order.</summary>
    public IReadOnlyList<int> InputOrder => _inputOrder;

    public Interner Zones { get; } = new();

    public Interner Skills { get; } = new();

    public SpatialIndex Index { get; }

    public bool Eligible(PickerProfile profile, BlockSet blocks, int slot) =>
        !blocks.Blocks(Bin[slot].Aisle, ZoneId[slot]) && profile.Permits(ZoneId[slot], SkillId[slot]);

    /// <summary>Brings the table to the request's tasks and reports what changed.</summary>
    public void Sync(IReadOnlyList<OpenTask> tasks, TaskChanges changes)
    {
        changes.Clear();
        _generation++;
        _inputOrder.Clear();
        foreach (var task in tasks)
        {
            if (_slotById.TryGetValue(task.Id, out var slot))
            {
                if (_seen[slot] == _generation)
                {
                    continue; // the same id twice in one request: plan it once
                }

                if (!SameWork(Task[slot]!, task))
                {
                    Remove(slot, changes);
                    slot = Add(task, changes);
                }
                else
                {
                    if (Task[slot]!.OrderId != task.OrderId)
                    {
                        Orders.Release(OrderOf[slot]);
                        OrderOf[slot] = Orders.Acquire(task.OrderId);
                    }

                    Task[slot] = task; // priority, order or cut-off may change in place
                }
            }
            else
            {
                slot = Add(task, changes);
            }

            if (slot < 0)
            {
                changes.Unlocatable++;
                continue;
            }

            _seen[slot] = _generation;
            Input[slot] = _inputOrder.Count;
            _inputOrder.Add(slot);
        }

        for (var slot = 0; slot < HighWater; slot++)
        {
            if (Task[slot] is not null && _seen[slot] != _generation)
            {
                Remove(slot, changes);
            }
        }
    }

    private static bool SameWork(OpenTask a, OpenTask b) =>
        ReferenceEquals(a, b) || (a.Location == b.Location && a.Zone == b.Zone && a.Quantity == b.Quantity
            && a.Handling == b.Handling && a.RequiredSkill == b.RequiredSkill);

    private int Add(OpenTask task, TaskChanges changes)
    {
        if (_layout.Locate(task.Location) is not { } bin)
        {
            return -1;
        }

        var slot = _free.Count > 0 ? _free.Pop() : HighWater++;
        EnsureCapacity(slot + 1);
        Task[slot] = task;
        Bin[slot] = bin;
        ZoneId[slot] = Zones.Intern(Eligibility.ZoneOf(task, bin));
        SkillId[slot] = task.RequiredSkill is null ? -1 : Skills.Intern(task.RequiredSkill);
        Version[slot]++;
        OrderOf[slot] = Orders.Acquire(task.OrderId);
        _slotById[task.Id] = slot;
        Index.Add(slot);
        changes.Added.Add(slot);
        return slot;
    }

    private void Remove(int slot, TaskChanges changes)
    {
        changes.Removed.Add(slot);
        Index.Remove(slot);
        _slotById.Remove(Task[slot]!.Id);
        Orders.Release(OrderOf[slot]);
        Task[slot] = null;
        _free.Push(slot);
    }

    private void EnsureCapacity(int size)
    {
        if (size <= Task.Length)
        {
            return;
        }

        var n = Math.Max(size, Task.Length * 2);
        Task = Grow(Task, n);
        Bin = Grow(Bin, n);
        ZoneId = Grow(ZoneId, n);
        SkillId = Grow(SkillId, n);
        Version = Grow(Version, n);
        Input = Grow(Input, n);
        OrderOf = Grow(OrderOf, n);
        _seen = Grow(_seen, n);
    }

    private static T[] Grow<T>(T[] array, int size)
    {
        var grown = new T[size];
        Array.Copy(array, grown, array.Length);
        return grown;
    }
}
