using CloudBridge.Contract.V1;

namespace CloudBridge.Audit;

/// <summary>A gateway's audit-chain state as stored, with the revision a compare-and-set save must match (0: none yet).</summary>
public sealed record AuditHead(AuditChainState State, ulong Revision);
