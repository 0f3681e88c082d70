using EdgeAgent.Audit;
using EdgeAgent.Conveyor;
using EdgeAgent.Events;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Kpis;
using EdgeAgent.Planning;
using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// Builds LiteDB's process-wide mappings of the store's document types once, on one thread, before any
/// store is used. LiteDB 5.0.21's <see cref="BsonMapper"/> races when two threads map a type for the first
/// time (litedb-org/LiteDB#2536): one of them sees a half-built mapping and reports a member that exists as
/// missing. Seen here when two agents started in one process.
/// </summary>
public static class StoreMapping
{
    private static readonly Lock Gate = new();
    private static bool _prepared;

    // Every document type, and every class nested in one that may be null when the first document is mapped.
    private static readonly Type[] Documents =
    [
        typeof(PickTask), typeof(PickerSession), typeof(PendingAssignment), typeof(HandheldLedger),
        typeof(OrderHold), typeof(FloorBlock), typeof(FloorCounter), typeof(CartonLabel), typeof(ExceptionCase),
        typeof(AuditRecord), typeof(AuditChainHead), typeof(Approval), typeof(AutomationPause), typeof(RightsDocument),
        typeof(KpiState), typeof(DurationStats), typeof(ModelTrust),
    ];

    /// <summary>Maps every document type; cheap after the first call, and every caller waits for that one.</summary>
    public static void Prepare()
    {
        lock (Gate)
        {
            if (_prepared)
            {
                return;
            }

            foreach (var type in Documents.Concat(FloorEventTypes.All))
            {
                BsonMapper.Global.ToDocument(type, Activator.CreateInstance(type));
            }

            _prepared = true;
        }
    }
}
