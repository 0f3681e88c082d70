using System.Security.Cryptography;
using EdgeAgent.Audit;
using EdgeAgent.Commands;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Governance;
using LiteDB;

namespace EdgeAgent.Tests.Audit;

public sealed class AuditCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = AuditCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<string> StoppedAgentWithDecisionsAsync()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-cli-").FullName;
        var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();
        await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Reassign("T-1", "P-2")));
        await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Hold("SO-1")));
        var source = fx.Store.DatabasePath;
        await fx.Store.DisposeAsync();
        File.Copy(source, Path.Combine(directory, "edgeagent.db"));
        await fx.DisposeAsync();
        return directory;
    }

    [Fact]
    public async Task VerifyOnAnIntactStore_PrintsOkWithTheCount_AndExitsZero()
    {
        var directory = await StoppedAgentWithDecisionsAsync();

        var (code, output, _) = Run("audit", "verify", "--data-dir", directory);

        Assert.Equal(0, code);
        Assert.Contains("OK: 2 audit records", output, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task VerifyOnAnEditedStore_PrintsTheFirstBrokenLink_AndExitsOne()
    {
        var directory = await StoppedAgentWithDecisionsAsync();
        using (var db = new LiteDatabase($"Filename={Path.Combine(directory, "edgeagent.db")};Connection=direct"))
        {
            var doc = db.GetCollection("audit").FindById(1);
            doc["Actor"] = "mallory";
            db.GetCollection("audit").Update(doc);
        }

        var (code, _, error) = Run("audit", "verify", "--data-dir", directory);

        Assert.Equal(1, code);
        Assert.Contains("BROKEN at seq 1: hash mismatch", error, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task VerifyAfterAnAgentWasKilled_AnswersIntact_AndChangesNoByteInTheDataDirectory()
    {
        // A killed agent leaves its commits in the LiteDB log and its pid in the lock file: opening the
        // store would checkpoint the one, taking the lock would rewrite the other.
        var directory = Directory.CreateTempSubdirectory("edgeagent-cli-").FullName;
        await using (var fx = await StartedAgentWithDecisionsAsync())
        {
            foreach (var file in Directory.GetFiles(fx.DataDirectory).Where(f => !f.EndsWith(DataDirectoryLock.LockFileName, StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(directory, DataDirectoryLock.LockFileName), "4242\n");
        Assert.True(File.Exists(StoreCopy.LogPathOf(Path.Combine(directory, "edgeagent.db"))), "the killed agent's commits are in the log");
        var before = Hashes(directory);

        var (code, output, _) = Run("audit", "verify", "--data-dir", directory);

        Assert.Equal(0, code);
        Assert.Contains("OK: 2 audit records", output, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(directory));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task VerifyBesideARunningAgent_Answers_ChangesNoByte_AndTheAgentKeepsWriting()
    {
        await using var fx = await StartedAgentWithDecisionsAsync();
        var before = Hashes(fx.DataDirectory);

        var (code, output, error) = Run("audit", "verify", "--data-dir", fx.DataDirectory);

        Assert.True(code == 0, error);
        Assert.Contains("OK: 2 audit records", output, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(fx.DataDirectory));
        await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Hold("SO-2")));
        Assert.Equal(3, fx.Audit().Count);
        Assert.Throws<DataDirectoryLockedException>(() => DataDirectoryLock.Acquire(fx.DataDirectory).Dispose());
    }

    private static async Task<GovernanceFixture> StartedAgentWithDecisionsAsync()
    {
        var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();
        await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Reassign("T-1", "P-2")));
        await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Hold("SO-1")));
        return fx;
    }

    /// <summary>sha256 of every file, read without .NET's flock so the agent's held lock file is included.</summary>
    private static SortedDictionary<string, string> Hashes(string directory) => new(
        Directory.GetFiles(directory).ToDictionary(
            f => Path.GetFileName(f),
            f => Convert.ToHexString(SHA256.HashData(NativeMethods.ReadPrefix(f, checked((int)new FileInfo(f).Length + 1))))),
        StringComparer.Ordinal);

    [Fact]
    public void VerifyWithoutAStore_OrWithBadArguments_ExitsTwo()
    {
        var empty = Directory.CreateTempSubdirectory("edgeagent-cli-").FullName;

        Assert.Equal(2, Run("audit", "verify", "--data-dir", empty).Code);
        Assert.Equal(2, Run("audit", "check").Code);
        Assert.False(File.Exists(Path.Combine(empty, new StoreOptions().FileName)));
        Directory.Delete(empty, recursive: true);
    }
}
