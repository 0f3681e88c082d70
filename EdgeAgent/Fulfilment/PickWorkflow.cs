using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Events;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// The handheld pick loop: login, location scan, item scan, quantity confirm or short pick.
/// Runs inside a store write, so the state change, the event record and the device's ledger
/// commit together, and the answer is sent only once all three are on disk.
/// </summary>
public sealed class PickWorkflow
{
    private static readonly Dictionary<HandheldMessageType, Func<PickContext, HandheldPrompt>> Steps = new()
    {
        [HandheldMessageType.Login] = PickSteps.Login,
        [HandheldMessageType.Scan] = PickSteps.Scan,
        [HandheldMessageType.Confirm] = PickSteps.Confirm,
        [HandheldMessageType.Short] = PickSteps.Short,
        [HandheldMessageType.Logout] = PickSteps.Logout,
        [HandheldMessageType.Damaged] = PickSteps.Damaged,
    };

    private readonly HandheldRegistry _registry;
    private readonly TimeProvider _time;
    private readonly TaskAssigner _assigner;
    private readonly FloorJournal? _journal;
    private readonly Drivers.Scanners.BarcodeDecoder _decoder;

    private readonly Governance.GovernanceGate? _gate;

    public PickWorkflow(HandheldRegistry registry, TimeProvider time, TaskAssigner assigner, FloorJournal? journal = null, Governance.GovernanceGate? gate = null)
    {
        _gate = gate;
        _registry = registry;
        _time = time;
        _assigner = assigner;
        _journal = journal;
        _decoder = new Drivers.Scanners.BarcodeDecoder(time);
    }

    public PickOutcome Handle(LiteDatabase db, HandheldMessage message)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (!_registry.IsKnown(message.DeviceId))
        {
            return new PickOutcome(Prompts.Error(message.Seq, HandheldErrorCode.UnknownDevice, $"Device {message.DeviceId} is not registered with this agent"), false);
        }

        var floor = new FloorCollections(db, _journal);
        var ledger = floor.Ledgers.FindById(message.DeviceId) ?? new HandheldLedger { Id = message.DeviceId };
        if (message.Seq == ledger.LastSeq)
        {
            return new PickOutcome(HandheldPrompt.FromUtf8Json(ledger.LastPrompt)!, true);
        }

        if (message.Seq < ledger.LastSeq)
        {
            return new PickOutcome(Prompts.Error(message.Seq, HandheldErrorCode.StaleSequence, StaleText(ledger, message.Seq)), false);
        }

        var context = new PickContext
        {
            Floor = floor,
            Message = message,
            Ledger = ledger,
            Assigner = _assigner,
            Now = _time.GetUtcNow().UtcDateTime,
            Decoder = _decoder,
            Gate = _gate,
            Session = ledger.PickerId is { } pickerId ? floor.Pickers.FindById(pickerId) : null,
        };
        if (context.Session is not null && context.Session.DeviceId != message.DeviceId)
        {
            // The picker has since logged in on another handheld: this one no longer speaks for them.
            context.Session = null;
        }

        var prompt = Steps[message.Type](context);
        context.SaveSession();
        ledger.RecordJumpTo(message.Seq);
        ledger.LastSeq = message.Seq;
        ledger.LastPrompt = prompt.ToUtf8Json();
        ledger.PickerId = context.Session?.Id;
        floor.Ledgers.Upsert(ledger);
        return new PickOutcome(prompt, false);
    }

    /// <summary>
    /// Brings every logged-in picker's handheld up to date with a floor that changed without them asking: the
    /// prompts to push, each recorded as the device's last answer (so a redelivery of its last seq gets the
    /// current screen, not an outdated one). Runs inside a store write; send the prompts after it commits.
    /// <paramref name="away"/> names the handhelds that are offline or silent: their pickers are handed no new work.
    /// </summary>
    public IReadOnlyList<PushedPrompt> Refresh(LiteDatabase db) => Refresh(db, null);

    /// <inheritdoc cref="Refresh(LiteDatabase)"/>
    public IReadOnlyList<PushedPrompt> Refresh(LiteDatabase db, Func<string, bool>? away)
    {
        ArgumentNullException.ThrowIfNull(db);
        var floor = new FloorCollections(db, _journal);
        var now = _time.GetUtcNow().UtcDateTime;
        var pushes = new List<PushedPrompt>();
        foreach (var session in floor.Pickers.FindAll().OrderBy(s => s.Id, StringComparer.Ordinal).ToList())
        {
            if (!_registry.IsKnown(session.DeviceId)
                || floor.Ledgers.FindById(session.DeviceId) is not { } ledger
                || ledger.PickerId != session.Id)
            {
                continue;
            }

            var shown = ledger.LastPrompt.Length == 0 ? null : HandheldPrompt.FromUtf8Json(ledger.LastPrompt);
            if (PickSteps.Refresh(floor, _assigner, session, shown, ledger.LastSeq, now, away?.Invoke(session.DeviceId) == true) is not { } prompt)
            {
                continue;
            }

            prompt = prompt with { Push = ++ledger.LastPush };
            ledger.LastPrompt = prompt.ToUtf8Json();
            floor.Ledgers.Upsert(ledger);
            floor.Pickers.Upsert(session);
            pushes.Add(new PushedPrompt(session.DeviceId, prompt));
        }

        return pushes;
    }

    // Only a seq the agent applied was answered; one it jumped over never reached it, and telling the
    // handheld otherwise would have it drop an event the floor never saw.
    private static string StaleText(HandheldLedger ledger, long seq) => ledger.WasReceived(seq) switch
    {
        true => $"Message {seq} is older than {ledger.LastSeq}, already answered",
        false => $"Message {seq} never reached the agent and is older than {ledger.LastSeq}: not applied. Send it again as a new message (seq above {ledger.LastSeq})",
        null => $"Message {seq} is older than {ledger.LastSeq}: not applied",
    };
}
