using CloudBridge.Contract.V1;

namespace CloudBridge.Ingress;

/// <summary>The ack for a batch and the events of it that were above the lane's mark (the ones this call stored).</summary>
public sealed record LedgerResult(UplinkAck Ack, IReadOnlyList<EventEnvelope> Fresh);
