using System.Security.Cryptography;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Tests.Storage;

/// <summary>
/// Issue #12's damaged files, made from real stores: the open never changes the original's bytes, keeps a
/// timestamped copy, and refuses with what to do or recovers naming what was lost; it never starts empty silently.
/// </summary>
public sealed class DamagedStoreFileTests : IDisposable
{
    private const string Device = "hh-3";
    private const string Lane = "picks";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Db(string dir) => Path.Combine(dir, "edgeagent.db");

    [Fact]
    public async Task ZeroLengthDataFile_IsRefused_NamingTheLostAcknowledgements_AndKeptUnchanged()
    {
        var dir = await ClosedStore("zero", events: 41);
        await File.WriteAllBytesAsync(Db(dir), []);
        var before = Hashes(dir);

        var error = Assert.Throws<StoreDamagedException>(() => Open(dir));

        Assert.Contains("empty (0 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("device hh-3 lane picks: acknowledged up to seq 41, store holds none", error.Message, StringComparison.Ordinal);
        Assert.Equal(new LostAck(Device, Lane, 41, null), Assert.Single(error.Lost));
        Assert.Equal(before, Hashes(dir));
        AssertKept(error.KeptIn, before);
    }

    [Fact]
    public async Task ZeroLengthDataFile_UnderRecover_StartsEmpty_OnlyWithAReportOfWhatWasLost()
    {
        var dir = await ClosedStore("zero-recover", events: 41);
        await File.WriteAllBytesAsync(Db(dir), []);
        var before = Hashes(dir);

        await using (var store = Open(dir, StoreDamagePolicy.Recover))
        {
            var recovery = Assert.IsType<StoreRecovery>(store.Recovery);
            Assert.Equal(new LostAck(Device, Lane, 41, null), Assert.Single(recovery.Lost));
            Assert.Equal(0, store.Count());
            AssertKept(recovery.KeptIn, before);
            Assert.Contains("acknowledged up to seq 41, store holds none", await File.ReadAllTextAsync(Path.Combine(recovery.KeptIn, "REPORT.txt")), StringComparison.Ordinal);
            await Write(store, 42);
        }

        // The loss was reported once; the record now starts from what the store holds.
        await using var reopened = Open(dir);
        Assert.Null(reopened.Recovery);
        Assert.Equal(1, reopened.Count());
    }

    [Fact]
    public async Task TornLog_IsRefused_NamingHowFarTheStoreGot_AndKeptUnchanged()
    {
        var dir = await LiveCopy("torn", events: 41);
        var log = StoreCopy.LogPathOf(Db(dir));
        await using (var file = new FileStream(log, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var before = Hashes(dir);

        var error = Assert.Throws<StoreDamagedException>(() => Open(dir));

        var lost = Assert.Single(error.Lost);
        Assert.Equal((Device, Lane, 41L), (lost.Device, lost.Lane, lost.Acknowledged));
        Assert.True(lost.Held < 41, $"the torn log still held {lost.Held}");
        Assert.Contains($"device hh-3 lane picks: acknowledged up to seq 41, store holds up to {lost.Held}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Store:OnDamage=Recover", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(dir));
        AssertKept(error.KeptIn, before);
    }

    [Fact]
    public async Task TornLog_UnderRecover_StartsFromWhatTheLogHeld_AndSaysWhatWasLost()
    {
        var dir = await LiveCopy("torn-recover", events: 41);
        var log = StoreCopy.LogPathOf(Db(dir));
        await using (var file = new FileStream(log, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        await using var store = Open(dir, StoreDamagePolicy.Recover);

        var recovery = Assert.IsType<StoreRecovery>(store.Recovery);
        var lost = Assert.Single(recovery.Lost);
        Assert.Equal(41, lost.Acknowledged);
        Assert.Equal(lost.Held, store.Count());
        Assert.True(Directory.Exists(recovery.KeptIn));
    }

    [Theory]
    [InlineData(0xFF, "collection events: ")] // 'x' becomes invalid UTF-8: LiteDB cannot decode the document
    [InlineData(0x01, "page 3 of the data file")] // 'x' becomes 'y': the document decodes altered, only the page digest sees it
    public async Task FlippedBytesInADataPage_AreFoundAtOpen_NotAtTheFirstRead(byte mask, string finding)
    {
        var dir = await ClosedStore("flip-" + mask, events: 400);
        FlipDataPage(Db(dir), mask);
        var before = Hashes(dir);

        var error = Assert.Throws<StoreDamagedException>(() => Open(dir));

        Assert.Contains(finding, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(dir));
        AssertKept(error.KeptIn, before);
    }

    [Fact]
    public async Task FlippedBytesInADataPage_UnderRecover_KeepEveryReadableDocument()
    {
        var dir = await ClosedStore("flip-recover", events: 400);
        FlipDataPage(Db(dir), 0xFF);

        await using var store = Open(dir, StoreDamagePolicy.Recover);

        var recovery = Assert.IsType<StoreRecovery>(store.Recovery);
        Assert.Contains("collection events", recovery.Findings, StringComparison.Ordinal);
        var kept = recovery.DocumentsRecovered["events"];
        Assert.InRange(kept, 0, 399);
        Assert.Equal(kept, store.Count());
        var everyDocumentReads = store.Read(db => db.GetCollection("events").FindAll().Count());
        Assert.Equal(kept, everyDocumentReads);
    }

    [Fact]
    public async Task HalfLengthDataFile_IsRefused_AsCutShort_WithoutChangingAByte()
    {
        var dir = await ClosedStore("half", events: 400);
        var bytes = await File.ReadAllBytesAsync(Db(dir));
        await File.WriteAllBytesAsync(Db(dir), bytes[..(bytes.Length / 2)]);
        var before = Hashes(dir);

        var error = Assert.Throws<StoreDamagedException>(() => Open(dir));

        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(dir));
        AssertKept(error.KeptIn, before);
        Assert.Empty(Directory.GetDirectories(dir, ".verify-*"));
    }

    [Fact]
    public async Task SoundStore_OpensWithoutARecovery_AndLeavesNoCopies()
    {
        var dir = await LiveCopy("sound", events: 41);

        await using var store = Open(dir);

        Assert.Null(store.Recovery);
        Assert.Equal(41, store.Count());
        Assert.Empty(Directory.GetDirectories(dir));
    }

    private static DurableStore Open(string dir, StoreDamagePolicy policy = StoreDamagePolicy.Refuse) =>
        DurableStore.Open(new StoreOptions { DataDirectory = dir, OnDamage = policy }, NullLogger<DurableStore>.Instance);

    private static Task<BsonValue> Write(DurableStore store, int seq) =>
        store.WriteAsync(
            db => db.GetCollection("events").Insert(new BsonDocument { ["_id"] = seq, ["kind"] = "pick", ["note"] = new string('x', 200) }),
            new AckMark(Device, Lane, seq));

    /// <summary>A store written and closed cleanly (everything checkpointed into the data file).</summary>
    private async Task<string> ClosedStore(string name, int events)
    {
        var dir = Path.Combine(_dir.Path, name);
        await using var store = Open(dir);

        // Queued together: a few group commits, not one fsync per event.
        await Task.WhenAll(Enumerable.Range(1, events).Select(seq => Write(store, seq)));
        return dir;
    }

    /// <summary>A copy of a running store's data directory, as a user would take it: the commits are in the log.</summary>
    private async Task<string> LiveCopy(string name, int events)
    {
        var source = Path.Combine(_dir.Path, name + "-running");
        var copy = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(copy);
        await using var store = Open(source);
        for (var seq = 1; seq <= events; seq++)
        {
            await Write(store, seq);
        }

        foreach (var file in Directory.GetFiles(source).Where(f => !f.EndsWith(DataDirectoryLock.LockFileName, StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        Assert.True(File.Exists(StoreCopy.LogPathOf(Db(copy))), "the running store's commits are in its log");
        return copy;
    }

    /// <summary>Flips bits of 16 bytes in the first data page (page 3), inside the first document's note.</summary>
    private static void FlipDataPage(string path, byte mask)
    {
        var bytes = File.ReadAllBytes(path);
        var page = Enumerable.Range(1, (bytes.Length / 8192) - 1).First(p => bytes[(p * 8192) + 4] == 4);
        Assert.Equal(3, page);
        for (var i = 100; i < 116; i++)
        {
            bytes[(page * 8192) + i] ^= mask;
        }

        File.WriteAllBytes(path, bytes);
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir)
            .Where(f => !f.EndsWith(DataDirectoryLock.LockFileName, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static void AssertKept(string keptIn, Dictionary<string, string> original)
    {
        Assert.Matches(@"damaged-\d{8}T\d{6}Z", Path.GetFileName(keptIn));
        Assert.True(File.Exists(Path.Combine(keptIn, "REPORT.txt")), "the kept copy carries its report");
        var kept = Hashes(keptIn);
        foreach (var (file, hash) in original)
        {
            Assert.Equal(hash, kept[file]);
        }
    }
}
