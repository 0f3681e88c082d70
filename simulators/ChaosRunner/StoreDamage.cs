using System.Globalization;

namespace ChaosRunner;

/// <summary>
/// The damage a kill can leave in the agent's store: a page half-written when the process died. LiteDB appends whole
/// 8 KB pages to its log (<c>edgeagent-log.db</c>) and a commit is acknowledged only after the log is fsynced, so a page
/// cut short can only be the start of a write nobody was told about; the runner appends the first part of a page
/// after the log's last whole page. Damage to what was already fsynced (a disk that lies) is not a kill's doing: the
/// agent's refusal of that is tested on its own (<c>DamagedStoreFileTests</c>).
/// </summary>
internal static class StoreDamage
{
    public const int PageSize = 8192;
    public const string LogFile = "edgeagent-log.db";
    public const string DataFile = "edgeagent.db";

    /// <summary>
    /// Cuts the store's log in half (to half its length, page boundary or not), as a disk that lost written data leaves
    /// it: commits that were fsynced and acknowledged go. When the log holds fewer than two whole pages (a checkpoint
    /// just emptied it) the data file is cut in half instead. Says what it did, or why there was nothing to cut.
    /// </summary>
    public static string CutInHalf(string dataDirectory)
    {
        foreach (var name in new[] { LogFile, DataFile })
        {
            var path = Path.Combine(dataDirectory, name);
            long length = File.Exists(path) ? new FileInfo(path).Length : 0;
            if (length < 2 * PageSize)
            {
                continue;
            }

            using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                file.SetLength(length / 2);
                file.Flush(flushToDisk: true);
            }

            return string.Create(CultureInfo.InvariantCulture, $"{name} cut in half: {length} bytes ({length / PageSize} pages) to {length / 2}");
        }

        return $"nothing to cut: neither {LogFile} nor {DataFile} holds two pages";
    }

    /// <summary>Appends a torn page to the log; says what it did (or why there was nothing to tear).</summary>
    public static string TearLogTail(string dataDirectory, Random random)
    {
        var log = Path.Combine(dataDirectory, LogFile);
        if (!File.Exists(log) || new FileInfo(log).Length < PageSize)
        {
            return $"no log page to tear ({LogFile} {(File.Exists(log) ? "shorter than a page" : "absent")}: the kill came after a checkpoint)";
        }

        using var file = new FileStream(log, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        long whole = file.Length / PageSize * PageSize;
        // A new page's first part, as a write cut short leaves it: the header and some of the body of the next page,
        // modelled on the last whole page (same layout, so the page looks like LiteDB's at a glance).
        int torn = 512 + random.Next(PageSize - 1024);
        var head = new byte[torn];
        file.Position = whole - PageSize;
        file.ReadExactly(head);
        file.SetLength(whole);
        file.Position = whole;
        file.Write(head);
        file.Flush(flushToDisk: true);
        return string.Create(CultureInfo.InvariantCulture, $"{LogFile}: {whole / PageSize} whole pages, then {torn} bytes of a page cut short");
    }
}
