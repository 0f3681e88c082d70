using System.Diagnostics;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Tests.Storage;

/// <summary>
/// An agent that starts after an unclean stop on a disk with no room for the store's check (it reads a copy): a clear
/// refusal naming the room it needs, the store unchanged, and a normal open once there is room. The chaos runner's disk
/// squeeze found the agent crashing there with "No space left on device" half-way through the copy. A real 16 MiB tmpfs;
/// needs root (mount), and fails, never skips, without it.
/// </summary>
public sealed class StoreSpaceTests : IAsyncLifetime
{
    private readonly string _mount = Directory.CreateTempSubdirectory("edgeagent-space-").FullName;
    private bool _mounted;

    public async Task InitializeAsync()
    {
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", _mount);
        _mounted = true;
    }

    public async Task DisposeAsync()
    {
        if (_mounted)
        {
            await RunAsync("umount", _mount);
        }

        Directory.Delete(_mount, recursive: true);
    }

    [Fact]
    public async Task UncleanStopOnAFullDisk_IsRefusedSayingHowMuchRoomTheCheckNeeds_AndOpensOnceThereIsRoom()
    {
        var dir = Path.Combine(_mount, "data");
        await using (var store = Open(dir))
        {
            await Task.WhenAll(Enumerable.Range(1, 2_000).Select(seq => store.WriteAsync(
                db => db.GetCollection("events").Insert(new BsonDocument { ["_id"] = seq, ["note"] = new string('x', 200) }))));
        }

        // As after a kill: no clean-close digest, so the next open checks the whole store on a copy.
        var db = Path.Combine(dir, "edgeagent.db");
        File.Delete(PageDigest.PathOf(db));
        var filler = Path.Combine(_mount, "filler");
        await FillAsync(filler, new DriveInfo(_mount).AvailableFreeSpace - (64 * 1024));
        var before = Hashes(dir);

        var refused = Assert.Throws<StoreSpaceException>(() => Open(dir));

        Assert.Contains("must be checked after an unclean stop", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Free space on that disk", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.NeededBytes > refused.FreeBytes, $"needed {refused.NeededBytes}, free {refused.FreeBytes}");
        Assert.Equal(before, Hashes(dir));
        Assert.Empty(Directory.GetDirectories(dir));

        File.Delete(filler);
        await using var reopened = Open(dir);
        Assert.Equal(2_000, reopened.Read(d => d.GetCollection("events").Count()));
    }

    private static DurableStore Open(string dir) =>
        DurableStore.Open(new StoreOptions { DataDirectory = dir }, NullLogger<DurableStore>.Instance);

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir)
            .Where(f => !f.EndsWith(DataDirectoryLock.LockFileName, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private static async Task FillAsync(string path, long bytes)
    {
        var block = new byte[64 * 1024];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        for (long written = 0; written < bytes; written += block.Length)
        {
            await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - written)));
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error} (the test needs root to mount a tmpfs)");
    }
}
