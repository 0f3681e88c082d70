using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// The store's format version, kept in LiteDB's header (<c>UserVersion</c>): migrated forward at the
/// first start of a newer agent, and refused by an older agent, which would otherwise misread or
/// overwrite what it does not know.
/// </summary>
public static class StoreFormat
{
    /// <summary>The format this agent writes. Add a <see cref="StoreMigration"/> whenever it goes up.</summary>
    public const int Current = 2;

    /// <summary>
    /// Format 0 is every store written before the format was recorded; its documents are what
    /// format 1 reads, so the step only records the number. Format 2: the outbox stores pages.
    /// </summary>
    public static IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new(1, "record the store format version", static _ => { }),
        // The bridge's outbox now writes pages of events; per-event documents already stored stay and are read,
        // acknowledged and purged in place (so a gateway with a large backlog is not held up at start). An agent of
        // format 1 reads only those and would never send the pages: it must refuse this store.
        new(2, "outbox events in pages (older per-event outbox documents are drained in place)", static _ => { }),
    ];

    /// <summary>Brings <paramref name="db"/> to <paramref name="current"/>; returns the steps applied.</summary>
    /// <exception cref="StoreTooNewException">The store was written by a newer agent.</exception>
    public static IReadOnlyList<StoreMigration> MigrateForward(LiteDatabase db, string path, int current, IReadOnlyList<StoreMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(migrations);
        var found = db.UserVersion;
        if (found > current)
        {
            throw StoreTooNewException.For(path, found, current);
        }

        var applied = new List<StoreMigration>();
        foreach (var step in migrations.Where(m => m.To > found && m.To <= current).OrderBy(m => m.To))
        {
            if (step.To != db.UserVersion + 1)
            {
                throw new InvalidOperationException($"No store migration to format {db.UserVersion + 1}; the next one found goes to {step.To}");
            }

            db.BeginTrans();
            try
            {
                step.Apply(db);
                db.Commit();
            }
            catch
            {
                db.Rollback();
                throw;
            }

            // A pragma: LiteDB writes it to the header page itself.
            db.UserVersion = step.To;
            applied.Add(step);
        }

        if (db.UserVersion != current)
        {
            throw new InvalidOperationException($"The store is format {db.UserVersion} after migrating; this agent writes format {current}");
        }

        return applied;
    }
}
