using EdgeAgent.Storage;

namespace EdgeAgent.Tests.Storage;

public sealed class DamagedStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(100)]
    [InlineData(8192 * 4)]
    public void GarbageFile_IsRefused_AndLeftInPlace(int length)
    {
        var path = Path.Combine(_dir.Path, "edgeagent.db");
        var garbage = new byte[length];
        new Random(length).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var error = Assert.Throws<StoreDamagedException>(() => StoreFixture.Open(_dir.Path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from backup, or move it aside", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public void RefusedStore_ReleasesTheDirectoryLock()
    {
        File.WriteAllBytes(Path.Combine(_dir.Path, "edgeagent.db"), new byte[8192]);
        _ = Assert.Throws<StoreDamagedException>(() => StoreFixture.Open(_dir.Path));

        using var relocked = DataDirectoryLock.Acquire(_dir.Path);
    }

    [Fact]
    public async Task ReadHittingADamagedPage_StopsTheStore_SoARestartChecksTheFile()
    {
        await using var store = StoreFixture.Open(_dir.Path);
        await store.InsertEvent(1);

        // What LiteDB throws when a page it follows is not what it should be (its ENSURE checks).
        _ = Assert.Throws<LiteDB.LiteException>(() => store.Read<int>(_ => throw new LiteDB.LiteException(LiteDB.LiteException.INVALID_DATAFILE_STATE, "page type must be collection page")));

        Assert.NotNull(store.Faulted);
        Assert.Contains("damaged page", store.Faulted.Reason, StringComparison.Ordinal);
        _ = await Assert.ThrowsAsync<StoreFaultedException>(() => store.InsertEvent(2));
    }

    [Fact]
    public async Task ReadWithAnOrdinaryQueryError_DoesNotStopTheStore()
    {
        await using var store = StoreFixture.Open(_dir.Path);

        _ = Assert.Throws<InvalidOperationException>(() => store.Read<int>(_ => throw new InvalidOperationException("a query's own bug")));

        Assert.Null(store.Faulted);
        Assert.Equal(1, (await store.InsertEvent(1)).AsInt32);
    }
}
