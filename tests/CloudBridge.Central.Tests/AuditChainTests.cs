using CloudBridge.Contract.Audit.V1;
using Google.Protobuf.WellKnownTypes;

namespace CloudBridge.Central.Tests;

/// <summary>The canonical encoding in the contract is the one the agent has always hashed (edgeagent-audit-v1).</summary>
public sealed class AuditChainTests
{
    // Computed from the v1 encoding as the agent defined it before it moved into the contract (an independent
    // implementation of its field list), so a chain written by an earlier agent still verifies.
    private const string FirstHash = "bcee80872c561e4618cab2f47901c97c31e88cfb4d977ffbf0c22d54d427cb50";
    private const string SecondHash = "6a7c891b1aa8a742f73b3317d5230a83d35c1063a4147d42edf5ca9339d024a0";

    [Fact]
    public void Canonical_IsTheV1Encoding_TheAgentHashedBefore()
    {
        var first = new AuditRecord
        {
            Seq = 1,
            At = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 6, 7, 89, DateTimeKind.Utc)),
            Kind = AuditKind.Decision,
            ActionType = "task.reassign",
            Trigger = "scan.rejected:42",
            Inputs = "{\"zone\":\"A\",\"ü\":1}",
            Method = "late-risk",
            MethodVersion = "1.2.0",
            Confidence = 0.87,
            Right = "automated",
            Scope = "Zone=A",
            Threshold = 0.8,
            Actor = "system",
            Verdict = "execute",
            Outcome = "{\"moved\":3}",
            PreviousHash = AuditChain.Genesis,
        };
        var second = new AuditRecord
        {
            Seq = 2,
            At = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 6, 8, DateTimeKind.Utc)),
            Kind = AuditKind.HumanAction,
            ActionType = "task.reassign",
            DecisionSeq = 1,
            Fallback = true,
            Actor = "sam",
            Verdict = "approved",
            Reason = "looks right",
            PreviousHash = FirstHash,
        };

        Assert.Equal(FirstHash, AuditChain.ComputeHash(first));
        Assert.Equal(SecondHash, AuditChain.ComputeHash(second));
    }

    [Fact]
    public void AbsentAndEmpty_HashDifferently()
    {
        var absent = new AuditRecord { Seq = 1, ActionType = "a", Actor = "system", Verdict = "execute", PreviousHash = AuditChain.Genesis };
        var empty = absent.Clone();
        empty.Reason = "";
        Assert.NotEqual(AuditChain.ComputeHash(absent), AuditChain.ComputeHash(empty));
    }

    [Fact]
    public void CheckLink_NamesTheProblem()
    {
        var chain = Infrastructure.AuditRecords.Chain(3);
        Assert.Null(AuditChain.CheckLink(chain[1], 1, chain[0].Hash));
        Assert.StartsWith("sequence gap", AuditChain.CheckLink(chain[2], 1, chain[0].Hash), StringComparison.Ordinal);
        Assert.StartsWith("previous-hash mismatch", AuditChain.CheckLink(chain[1], 1, chain[2].Hash), StringComparison.Ordinal);
        chain[1].Verdict = "rejected";
        Assert.StartsWith("hash mismatch", AuditChain.CheckLink(chain[1], 1, chain[0].Hash), StringComparison.Ordinal);
    }
}
