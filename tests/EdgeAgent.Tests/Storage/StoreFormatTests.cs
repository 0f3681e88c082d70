using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace EdgeAgent.Tests.Storage;

public sealed class StoreFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => Path.Combine(_dir.Path, "edgeagent.db");

    [Fact]
    public async Task NewStore_RecordsTheCurrentFormat()
    {
        await StoreFixture.Open(_dir.Path).DisposeAsync();

        using var db = new LiteDatabase($"Filename={DbPath};Connection=direct");
        Assert.Equal(StoreFormat.Current, db.UserVersion);
    }

    [Fact]
    public async Task NewStore_IsBornInTheCurrentFormat_WithoutAMigrationWarning()
    {
        using var logs = new Handhelds.CapturingLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        await DurableStore.Open(StoreFixture.Options(_dir.Path), loggers.CreateLogger<DurableStore>()).DisposeAsync();

        Assert.DoesNotContain(logs.Lines, line => line.Contains("migrated", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreFromBeforeTheFormatWasRecorded_IsMigratedForward_KeepingItsDocuments()
    {
        using (var legacy = new LiteDatabase($"Filename={DbPath};Connection=direct"))
        {
            legacy.GetCollection("picks").Insert(new BsonDocument { ["_id"] = "T-1", ["qty"] = 2 });
            Assert.Equal(0, legacy.UserVersion);
        }

        var store = StoreFixture.Open(_dir.Path);
        Assert.Equal(2, store.Read(db => db.GetCollection("picks").FindById("T-1")["qty"].AsInt32));
        await store.DisposeAsync();

        using var reopened = new LiteDatabase($"Filename={DbPath};Connection=direct");
        Assert.Equal(StoreFormat.Current, reopened.UserVersion);
    }

    [Fact]
    public void StoreWrittenByANewerAgent_IsRefused_SayingWhatToDo_AndLeftUnchanged()
    {
        using (var newer = new LiteDatabase($"Filename={DbPath};Connection=direct"))
        {
            newer.GetCollection("picks").Insert(new BsonDocument { ["_id"] = "T-1" });
            newer.UserVersion = StoreFormat.Current + 1;
            newer.Checkpoint();
        }

        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<StoreTooNewException>(() => StoreFixture.Open(_dir.Path));

        Assert.Equal(StoreFormat.Current + 1, error.FoundFormat);
        Assert.Contains("written by a newer EdgeAgent", error.Message, StringComparison.Ordinal);
        Assert.Contains("The file was not changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
        using var relocked = DataDirectoryLock.Acquire(_dir.Path);
    }

    [Fact]
    public void Migrations_RunInOrder_FromTheFormatFound_ToTheCurrentOne()
    {
        using var db = new LiteDatabase($"Filename={DbPath};Connection=direct");
        db.UserVersion = 1;
        var steps = new List<StoreMigration>
        {
            new(3, "split names", d => d.GetCollection("log").Insert(new BsonDocument { ["step"] = 3 })),
            new(1, "record", d => d.GetCollection("log").Insert(new BsonDocument { ["step"] = 1 })),
            new(2, "add index", d => d.GetCollection("log").Insert(new BsonDocument { ["step"] = 2 })),
        };

        var applied = StoreFormat.MigrateForward(db, DbPath, current: 3, steps);

        Assert.Equal([2, 3], applied.Select(s => s.To));
        Assert.Equal([2, 3], db.GetCollection("log").FindAll().Select(d => d["step"].AsInt32));
        Assert.Equal(3, db.UserVersion);
    }

    [Fact]
    public void FailedMigration_LeavesTheStoreAtItsFormat_WithoutItsPartialWork()
    {
        using var db = new LiteDatabase($"Filename={DbPath};Connection=direct");
        db.UserVersion = 1;
        var steps = new List<StoreMigration>
        {
            new(2, "breaks halfway", d =>
            {
                d.GetCollection("log").Insert(new BsonDocument { ["half"] = true });
                throw new InvalidOperationException("broken step");
            }),
        };

        Assert.Throws<InvalidOperationException>(() => StoreFormat.MigrateForward(db, DbPath, current: 2, steps));

        Assert.Equal(1, db.UserVersion);
        Assert.Equal(0, db.GetCollection("log").Count());
    }
}
