using System.Diagnostics;
using EdgeAgent.Storage;

namespace EdgeAgent.Tests.Storage;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string LockFile => Path.Combine(_dir.Path, DataDirectoryLock.LockFileName);

    [Fact]
    public void Acquire_CreatesMissingDirectory_AndWritesThePid()
    {
        var directory = Path.Combine(_dir.Path, "nested", "data");
        using (DataDirectoryLock.Acquire(directory))
        {
            Assert.True(Directory.Exists(directory));
        }

        // Read after release: .NET's own read would take a shared flock the held lock refuses.
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(directory, DataDirectoryLock.LockFileName)).Trim());
    }

    [Fact]
    public async Task SecondOpen_OnTheSameDirectory_FailsNamingTheDirectoryAndHolder()
    {
        await using var first = StoreFixture.Open(_dir.Path);

        var error = Assert.Throws<DataDirectoryLockedException>(() => StoreFixture.Open(_dir.Path));

        Assert.Equal(_dir.Path, error.DataDirectory);
        Assert.Equal(Environment.ProcessId, error.HolderPid);
        Assert.Contains(_dir.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Store:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ReleasesTheLock_SoTheNextOpenSucceeds()
    {
        await (await Task.FromResult(StoreFixture.Open(_dir.Path))).DisposeAsync();

        await using var second = StoreFixture.Open(_dir.Path);
        Assert.True(second.IsOpen);
    }

    [Fact]
    public async Task AnotherProcess_CannotTakeTheLock_WhileHeld_AndCanAfterRelease()
    {
        // flock(1) takes the same flock(2) lock a second agent process would.
        using (DataDirectoryLock.Acquire(_dir.Path))
        {
            Assert.Equal(1, await RunFlock(LockFile));
        }

        Assert.Equal(0, await RunFlock(LockFile));
    }

    private static async Task<int> RunFlock(string file)
    {
        var start = new ProcessStartInfo("flock") { ArgumentList = { "--nonblock", "--conflict-exit-code", "1", file, "true" } };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("flock did not start");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
