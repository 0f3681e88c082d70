using System.Runtime.CompilerServices;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace CloudBridge.JetStream;

/// <summary>
/// The downlink command log in a replicated JetStream stream, one subject per gateway, so a gateway's cursor means the
/// same on every replica. A command's cursor is its position on the subject (1, 2, …), assigned by compare-and-set
/// on the subject's last sequence; the command id is the JetStream message id, so an ERP retry appends nothing.
/// </summary>
public sealed class JetStreamCommandLog(JetStreamConnection connection, TimeProvider time) : ICommandLog
{
    private const int WrongLastSequence = 10071;

    public async Task<AppendCommandReply> AppendAsync(AppendCommandRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var commands = (await connection.TopologyAsync(ct)).Commands;
        var subject = connection.CommandSubjectOf(request.GatewayId);
        while (true)
        {
            var (lastCursor, lastSeq) = await LastAsync(commands, subject, ct);
            var command = new Command
            {
                Cursor = lastCursor + 1,
                CommandId = request.CommandId,
                Kind = request.Kind,
                IssuedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                Payload = request.Payload,
                TraceId = request.TraceId,
            };
            var opts = new NatsJSPubOpts { MsgId = $"{request.GatewayId}/{request.CommandId}", ExpectedLastSubjectSequence = lastSeq };
            var ack = await connection.JetStream.PublishAsync(subject, command.ToByteArray(), opts: opts, cancellationToken: ct);
            if (ack.Duplicate)
            {
                var original = await commands.GetAsync(new StreamMsgGetRequest { Seq = ack.Seq }, ct);
                return new AppendCommandReply { Cursor = Command.Parser.ParseFrom(original.Message.Data.Span).Cursor, Duplicate = true };
            }

            if (ack.Error is { ErrCode: WrongLastSequence })
            {
                continue; // Another replica appended meanwhile: take the next position.
            }

            ack.EnsureSuccess();
            return new AppendCommandReply { Cursor = command.Cursor };
        }
    }

    public async IAsyncEnumerable<Command> FollowAsync(string gatewayId, long afterCursor, [EnumeratorCancellation] CancellationToken ct)
    {
        await connection.TopologyAsync(ct);
        // An ordered consumer: gap-free and in order, recreated by the client after a node or leader change.
        var consumer = await connection.JetStream.CreateOrderedConsumerAsync(
            connection.Options.CommandStream,
            new NatsJSOrderedConsumerOpts { FilterSubjects = [connection.CommandSubjectOf(gatewayId)], DeliverPolicy = ConsumerConfigDeliverPolicy.All },
            ct);
        var subject = connection.CommandSubjectOf(gatewayId);
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: ct))
        {
            if (message.Subject != subject)
            {
                continue; // A server that ignores the filter (2.9 reads filter_subjects as unknown) must not leak another gateway's commands.
            }

            var command = Command.Parser.ParseFrom(message.Data ?? []);
            if ((long)command.Cursor > afterCursor)
            {
                yield return command;
            }
        }
    }

    private static async Task<(ulong Cursor, ulong Seq)> LastAsync(INatsJSStream commands, string subject, CancellationToken ct)
    {
        try
        {
            var last = await commands.GetAsync(new StreamMsgGetRequest { LastBySubj = subject }, ct);
            return (Command.Parser.ParseFrom(last.Message.Data.Span).Cursor, last.Message.Seq);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return (0, 0);
        }
    }
}
