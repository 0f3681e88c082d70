using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// Builds LiteDB's process-wide mappings of the store's document types once, on one thread, before any
/// store is used. LiteDB 5.0.21's <see cref="BsonMapper"/> races when two threads map a type for the first
/// time (litedb-org/LiteDB#2536): one of them sees a half-built mapping and reports a member that exists as
/// missing. Seen here when two agents started in one process. The mapper is process-wide, so this is too.
/// </summary>
public static class StoreMapping
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Type> Mapped = [];

    /// <summary>Maps every type not mapped yet; every caller waits for the one doing it.</summary>
    public static void Prepare(IEnumerable<Type> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (Gate)
        {
            foreach (var type in documents.Where(t => !t.IsAbstract && Mapped.Add(t)))
            {
                BsonMapper.Global.ToDocument(type, Activator.CreateInstance(type));
            }
        }
    }
}
