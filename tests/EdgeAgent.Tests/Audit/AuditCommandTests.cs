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
    public async Task VerifyWhileAnAgentHoldsTheDirectory_SaysSo_PointsToTheEndpoint_AndExitsThree()
    {
        await using var fx = await GovernanceFixture.StartAsync();

        var (code, _, error) = Run("audit", "verify", "--data-dir", fx.DataDirectory);

        Assert.Equal(3, code);
        Assert.Contains("in use by another EdgeAgent", error, StringComparison.Ordinal);
        Assert.Contains("GET /api/audit/verify", error, StringComparison.Ordinal);
    }

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
