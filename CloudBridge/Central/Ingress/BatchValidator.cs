using System.Text.RegularExpressions;
using CloudBridge.Contract.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>Checks one uplink batch on its own (shape, sizes, identities); sequence continuity is the ledger's job.</summary>
public sealed partial class BatchValidator(IOptions<IngressOptions> options)
{
    private readonly IngressOptions _options = options.Value;

    /// <summary>Null when the batch is acceptable, otherwise the status to reject the stream with.</summary>
    public Status? Check(string gatewayId, UplinkBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!LaneName().IsMatch(batch.Lane))
        {
            return Invalid($"batch {batch.BatchId}: bad lane name '{batch.Lane}'");
        }

        if (batch.Events.Count == 0)
        {
            return Invalid($"batch {batch.BatchId}: no events");
        }

        if (batch.Events.Count > _options.MaxBatchEvents)
        {
            return new Status(StatusCode.ResourceExhausted, $"batch {batch.BatchId}: oversized, {batch.Events.Count} events, limit {_options.MaxBatchEvents}");
        }

        ulong previous = 0;
        foreach (var e in batch.Events)
        {
            if (e.GatewayId != gatewayId)
            {
                return new Status(StatusCode.PermissionDenied, $"batch {batch.BatchId}: event {e.Sequence} claims gateway '{e.GatewayId}' on a stream of '{gatewayId}'");
            }

            if (EventProblem(batch.Lane, e) is { } problem)
            {
                return Invalid($"batch {batch.BatchId}: event {e.Sequence}: {problem}");
            }

            if (previous != 0 && e.Sequence != previous + 1)
            {
                return Invalid($"batch {batch.BatchId}: sequences not consecutive within the batch ({previous} then {e.Sequence})");
            }

            previous = e.Sequence;
        }

        return null;
    }

    private string? EventProblem(string lane, EventEnvelope e)
    {
        if (e.Lane != lane)
        {
            return $"lane '{e.Lane}' in a batch of lane '{lane}'";
        }

        if (e.Sequence == 0)
        {
            return "sequence 0 (sequences start at 1)";
        }

        if (!EventId().IsMatch(e.EventId))
        {
            return $"garbage event id '{Truncate(e.EventId)}' (want 32 hex digits)";
        }

        if (e.Type.Length is 0 or > 128)
        {
            return "missing or overlong type";
        }

        if (e.OccurredAt is null)
        {
            return "missing occurred_at";
        }

        if (e.Payload.Length > _options.MaxEventBytes)
        {
            return $"payload of {e.Payload.Length} bytes exceeds {_options.MaxEventBytes}";
        }

        return null;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static Status Invalid(string detail) => new(StatusCode.InvalidArgument, detail);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex LaneName();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex EventId();
}
