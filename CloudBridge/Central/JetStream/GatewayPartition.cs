using System.Text;

namespace CloudBridge.JetStream;

/// <summary>
/// Which events partition (stream) a gateway's lanes live in: FNV-1a of the gateway id modulo the partition count,
/// stable across processes and versions so every replica and every consumer computes the same one.
/// </summary>
public static class GatewayPartition
{
    public static int Of(string gatewayId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(gatewayId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(gatewayId))
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash % (uint)partitions);
    }
}
