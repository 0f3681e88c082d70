using CloudBridge.Contract.V1;
using Grpc.Core;

namespace CloudBridge.Bench;

/// <summary>The reference: the same uplink contract answered with an ack per batch and no storage at all.</summary>
internal sealed class RawAckService : Contract.V1.Uplink.UplinkBase
{
    public override async Task Stream(IAsyncStreamReader<UplinkBatch> requestStream, IServerStreamWriter<UplinkAck> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var batch = requestStream.Current;
            await responseStream.WriteAsync(new UplinkAck { Lane = batch.Lane, BatchId = batch.BatchId, AckedThrough = batch.Events[^1].Sequence });
        }
    }
}
