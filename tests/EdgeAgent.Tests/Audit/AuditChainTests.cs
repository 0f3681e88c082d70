using EdgeAgent.Audit;
using EdgeAgent.Governance;
using EdgeAgent.Tests.Governance;
using LiteDB;

namespace EdgeAgent.Tests.Audit;

public sealed class AuditChainTests
{
    /// <summary>Six decisions in a real store, then the store is closed so the test can tamper with the file.</summary>
    private static async Task<GovernanceFixture> ChainOfSixAsync()
    {
        var fx = await GovernanceFixture.StartAsync();
        await fx.SeedFloorAsync();
        for (var i = 0; i < 6; i++)
        {
            fx.Time.Advance(TimeSpan.FromSeconds(1));
            await fx.Write(db => fx.Gate.Decide(db, GovernanceFixture.Reassign("T-1", "P-2", confidence: 0.5 + (i / 10.0))));
        }

        return fx;
    }

    private static AuditVerification TamperAndVerify(GovernanceFixture fx, Action<ILiteCollection<BsonDocument>> tamper)
    {
        var path = fx.Store.DatabasePath;
        fx.Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var db = new LiteDatabase($"Filename={path};Connection=direct");
        tamper(db.GetCollection("audit"));
        return AuditVerifier.Verify(db);
    }

    [Fact]
    public async Task IntactChain_Verifies_WithItsRecordCount()
    {
        await using var fx = await ChainOfSixAsync();

        var result = fx.Read(AuditVerifier.Verify);

        Assert.Equal((true, 6L), (result.Intact, result.Records));
        Assert.Equal(AuditHash.Genesis, fx.Audit()[0].PreviousHash);
        Assert.All(fx.Audit().Skip(1).Zip(fx.Audit()), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
    }

    [Fact]
    public async Task EditedRecord_IsReportedAsAHashMismatch_AtItsSeq()
    {
        await using var fx = await ChainOfSixAsync();

        var result = TamperAndVerify(fx, audit =>
        {
            var doc = audit.FindById(3);
            doc["Confidence"] = 0.99;
            audit.Update(doc);
        });

        Assert.Equal((false, 3L), (result.Intact, result.BrokenAt!.Value));
        Assert.StartsWith("hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedRecord_IsReportedAsASequenceGap()
    {
        await using var fx = await ChainOfSixAsync();

        var result = TamperAndVerify(fx, audit => audit.Delete(4));

        Assert.Equal((false, 5L), (result.Intact, result.BrokenAt!.Value));
        Assert.StartsWith("sequence gap: expected seq 4", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReorderedRecords_AreReportedAsAPreviousHashMismatch()
    {
        await using var fx = await ChainOfSixAsync();

        var result = TamperAndVerify(fx, audit =>
        {
            var third = audit.FindById(3);
            var fourth = audit.FindById(4);
            (third["_id"], fourth["_id"]) = (fourth["_id"], third["_id"]);
            audit.Update(third);
            audit.Update(fourth);
        });

        Assert.Equal((false, 3L), (result.Intact, result.BrokenAt!.Value));
        Assert.StartsWith("previous-hash mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedTail_IsReported_BecauseTheChainEndsBeforeItsHead()
    {
        await using var fx = await ChainOfSixAsync();

        var result = TamperAndVerify(fx, audit => audit.Delete(6));

        Assert.Equal((false, 6L), (result.Intact, result.BrokenAt!.Value));
        Assert.Contains("deleted", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongChain_IsVerifiedAcrossPages()
    {
        await using var fx = await GovernanceFixture.StartAsync();
        await fx.Write(db =>
        {
            var log = new AuditLog(fx.Time);
            for (var i = 0; i < AuditVerifier.PageSize * 2 + 7; i++)
            {
                log.Append(db, new AuditEntry { Kind = AuditKind.Decision, ActionType = ActionTypes.TaskAssign, Actor = "system", Verdict = "execute", Confidence = i / 3.0 });
            }

            return 0;
        });

        var result = fx.Read(AuditVerifier.Verify);

        Assert.Equal((true, AuditVerifier.PageSize * 2L + 7), (result.Intact, result.Records));
    }
}
