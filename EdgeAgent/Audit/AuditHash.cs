using CloudBridge.Contract.Audit.V1;

namespace EdgeAgent.Audit;

/// <summary>
/// The audit record's hash. The canonical encoding it covers is defined once, in the bridge contract
/// (<see cref="AuditChain.Canonical"/>), so central checks the chain on the same bytes as <c>audit verify</c>.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = AuditChain.Genesis;

    public static string Compute(AuditRecord record) => AuditChain.ComputeHash(AuditRecordWire.ToWire(record));

    public static byte[] Canonical(AuditRecord record) => AuditChain.Canonical(AuditRecordWire.ToWire(record));
}
