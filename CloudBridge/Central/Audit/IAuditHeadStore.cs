namespace CloudBridge.Audit;

/// <summary>Where central keeps each gateway's verified audit-chain head: a file (one site) or a replicated KV bucket.</summary>
public interface IAuditHeadStore
{
    Task<AuditHead> LoadAsync(string gatewayId, CancellationToken ct);

    /// <summary>Saves when the stored revision is still <see cref="AuditHead.Revision"/>; false when another replica saved first.</summary>
    Task<bool> TrySaveAsync(string gatewayId, AuditHead head, CancellationToken ct);
}
