using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.JetStream;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

/// <summary>The downlink command log in JetStream: a cursor means the same on every replica.</summary>
public sealed class JetStreamCommandLogTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task CommandsAppendedThroughOneReplica_AreFollowedFromACursor_ThroughAnother()
    {
        var target = new JetStreamTarget(nats.Url!);
        await using var connectionA = new JetStreamConnection(target.Options(), NullLogger<JetStreamConnection>.Instance);
        await using var connectionB = new JetStreamConnection(target.Options(), NullLogger<JetStreamConnection>.Instance);
        var logA = new JetStreamCommandLog(connectionA, TimeProvider.System);
        var logB = new JetStreamCommandLog(connectionB, TimeProvider.System);

        await logA.AppendAsync(Request("other", "dc-2"), CancellationToken.None);
        var cursors = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => (i % 2 == 0 ? logA : logB).AppendAsync(Request($"c{i}"), CancellationToken.None)));
        var retry = await logB.AppendAsync(Request("c3"), CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (ulong)i), cursors.Select(c => c.Cursor).Order());
        Assert.True(retry.Duplicate);
        Assert.Equal(cursors[2].Cursor, retry.Cursor);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var followed = new List<Command>();
        await foreach (var command in logB.FollowAsync("dc-1", 4, cts.Token))
        {
            followed.Add(command);
            if (followed.Count == 2)
            {
                await logA.AppendAsync(Request("c7"), CancellationToken.None);
            }

            if (followed.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([5UL, 6UL, 7UL], followed.Select(c => c.Cursor));
        Assert.Equal("c7", followed[^1].CommandId);

        // Another gateway's commands never reach this one's follower.
        var all = new List<Command>();
        await foreach (var command in logA.FollowAsync("dc-1", 0, cts.Token))
        {
            all.Add(command);
            if (all.Count == 7)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 7).Select(i => (ulong)i), all.Select(c => c.Cursor));
        Assert.DoesNotContain(all, c => c.CommandId == "other");
    }

    private static AppendCommandRequest Request(string id, string gateway = "dc-1") => new()
    {
        GatewayId = gateway,
        CommandId = id,
        Kind = CommandKind.OrderRelease,
        Payload = ByteString.CopyFromUtf8("{\"orderId\":\"" + id + "\"}"),
    };
}
