using System.Globalization;
using System.Text;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeAgent.Storage;

/// <summary>The open's check of the file, and what it does when the file is damaged.</summary>
public sealed partial class DurableStore
{
    /// <summary>Set when this open recovered a damaged store (<see cref="StoreDamagePolicy.Recover"/>): what was kept and lost.</summary>
    public StoreRecovery? Recovery { get; private set; }

    /// <summary>
    /// Inspects the store without writing to it; when it is damaged keeps a timestamped copy of its files, then
    /// refuses (<see cref="StoreDamagedException"/>) or replaces it with what could be read.
    /// </summary>
    private static StoreRecovery? InspectBeforeOpen(StoreOptions options, string path, ILogger logger, TimeProvider time)
    {
        var acksPath = AckRecord.PathOf(path);
        var recorded = AckRecord.Read(acksPath);
        if (File.Exists(path) || File.Exists(StoreCopy.LogPathOf(path)))
        {
            // Only after a clean stop may the open skip the copy and the read of every document.
            var started = time.GetTimestamp();
            var unclean = StoreInspection.CheckCleanStop(path, recorded);
            if (unclean is null)
            {
                var pages = new FileInfo(path).Length / StoreInspection.PageSize;
                var elapsedMs = time.GetElapsedTime(started).TotalMilliseconds;
                Log.CleanStopChecked(logger, path, pages, elapsedMs);
                return null;
            }

            Log.FullCheck(logger, path, unclean);
        }

        try
        {
            return InspectFully(options, path, acksPath, recorded, logger, time);
        }
        finally
        {
            // The full check reads every document through LiteDB, whose page cache grows to the size of what it read
            // and never shrinks; once the inspection's database is closed it is garbage, but a heap that grew by the
            // file's size stays resident until the GC decides otherwise (1M outbox events: 560 MB RSS after an unclean
            // stop against 180 MB after a clean one). Hand it back to the OS now, once, before the agent starts.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private static StoreRecovery? InspectFully(StoreOptions options, string path, string acksPath, IReadOnlyDictionary<string, AckMark> recorded, ILogger logger, TimeProvider time)
    {
        using var inspection = StoreInspection.Run(path, recorded);
        if (inspection.IsSound)
        {
            return null;
        }

        var at = time.GetUtcNow();
        var findings = inspection.Describe();
        var kept = KeepDamaged(path, acksPath, at);
        if (options.OnDamage == StoreDamagePolicy.Refuse)
        {
            WriteReport(kept, path, at, findings, "The agent refused to start (Store:OnDamage=Refuse).", inspection.Readable);
            Log.StoreDamaged(logger, path, kept, findings);
            throw StoreDamagedException.Found(path, kept, findings, inspection.Lost);
        }

        var recovered = BuildRecovered(inspection);
        File.Move(recovered, path, overwrite: true);
        File.Delete(StoreCopy.LogPathOf(path));
        NativeMethods.FSyncPath(Path.GetDirectoryName(path)!);

        // The loss is reported and accepted: from here the record starts from what the store holds.
        AckRecord.Replace(acksPath, inspection.StoredMarks.Values);
        WriteReport(kept, path, at, findings, "The agent started from what could be read (Store:OnDamage=Recover).", inspection.Readable);
        Log.StoreRecovered(logger, path, kept, findings);
        return new StoreRecovery(kept, findings, inspection.Lost, inspection.Readable, at);
    }

    /// <summary>Copies the data file, its log and the acknowledgement record into <c>damaged-&lt;UTC time&gt;/</c>, fsynced.</summary>
    private static string KeepDamaged(string path, string acksPath, DateTimeOffset at)
    {
        var directory = Path.GetDirectoryName(path)!;
        var name = "damaged-" + at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var folder = Path.Combine(directory, name);
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}-{n}"));
        }

        Directory.CreateDirectory(folder);
        foreach (var file in new[] { path, StoreCopy.LogPathOf(path), acksPath, PageDigest.PathOf(path) })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            var target = Path.Combine(folder, Path.GetFileName(file));
            using (var from = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 20))
            using (var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                from.CopyTo(to);
                to.Flush(flushToDisk: true);
            }
        }

        NativeMethods.FSyncPath(folder);
        NativeMethods.FSyncPath(directory);
        return folder;
    }

    private static void WriteReport(string kept, string path, DateTimeOffset at, string findings, string outcome, IReadOnlyDictionary<string, int> readable)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Store {path} found damaged at {at:O}.")
            .AppendLine(outcome)
            .AppendLine()
            .AppendLine("Findings:")
            .AppendLine(findings)
            .AppendLine()
            .AppendLine("Documents readable, per collection:");
        foreach (var (collection, count) in readable.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {collection}: {count}");
        }

        var report = Path.Combine(kept, "REPORT.txt");
        File.WriteAllText(report, text.ToString());
        using var file = new FileStream(report, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Every document of <paramref name="collection"/> that still decodes, in _id order: after a document that does
    /// not, the read starts again past it (at most 1,000 times).
    /// </summary>
    private static List<BsonDocument> Salvage(ILiteCollection<BsonDocument> collection)
    {
        var documents = new List<BsonDocument>();
        var skipped = 0;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            try
            {
                foreach (var document in collection.Find(Query.All(), skip: documents.Count + skipped))
                {
                    documents.Add(document);
                }

                return documents;
            }
            catch (Exception ex) when (StoreInspection.IsDamage(ex))
            {
                skipped++;
            }
        }

        return documents;
    }

    /// <summary>The copy itself when every document read back; otherwise a new file holding every document that could be read.</summary>
    private static string BuildRecovered(StoreInspection inspection)
    {
        if (inspection.CopyOpens && inspection.Unreadable.Count == 0 && inspection.Problems.Count == 0)
        {
            return inspection.CopyPath;
        }

        var target = inspection.CopyPath + ".recovered";
        using var into = new LiteDatabase($"Filename={target};Connection=direct");
        if (inspection.CopyOpens)
        {
            try
            {
                using var from = new LiteDatabase($"Filename={inspection.CopyPath};Connection=direct");
                into.UserVersion = from.UserVersion;
                foreach (var name in from.GetCollectionNames().ToList())
                {
                    var batch = Salvage(from.GetCollection(name));
                    into.GetCollection(name).InsertBulk(batch);
                }
            }
            catch (Exception ex) when (StoreInspection.IsDamage(ex))
            {
                // Opened for the inspection but not again: nothing more can be read.
            }
        }

        into.Checkpoint();
        return target;
    }
}
