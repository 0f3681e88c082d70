using System.Diagnostics.Metrics;

namespace CloudBridge.Audit;

/// <summary>Central's audit-chain figures on the <c>CloudBridge.Central</c> meter (exported by whatever the host wires).</summary>
public sealed class AuditChainMetrics
{
    public const string MeterName = "CloudBridge.Central";

    private readonly Counter<long> _breaks;
    private readonly Counter<long> _verified;

    public AuditChainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _breaks = meter.CreateCounter<long>("cloudbridge.audit.chain_breaks", description: "Audit-chain breaks central found (edited, deleted, reordered or rewritten records), by gateway");
        _verified = meter.CreateCounter<long>("cloudbridge.audit.records_verified", description: "Audit records whose hash and link central checked, by gateway");
    }

    public void Break(string gatewayId) => _breaks.Add(1, new KeyValuePair<string, object?>("gateway", gatewayId));

    public void Verified(string gatewayId, int records) => _verified.Add(records, new KeyValuePair<string, object?>("gateway", gatewayId));
}
