using System.Text.RegularExpressions;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using CsCheck;
using Xunit.Abstractions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CloudBridge.Central.Tests.BadInput;

/// <summary>
/// The bad-input battery for what a gateway (or anyone holding its token) can send central's ingress: any bytes
/// as an uplink batch, and batches with every field wrong in every way. The validator never throws, accepts
/// exactly the batches that meet the contract, and refuses the others with one specific status and reason.
/// </summary>
public sealed partial class UplinkBatchBatteryTests(ITestOutputHelper output)
{
    private const string Gateway = "gw1";
    private static readonly IngressOptions Limits = new() { MaxBatchEvents = 50, MaxEventBytes = 512 };
    private readonly BatchValidator _validator = new(Options.Create(Limits));

    private static readonly Gen<string> Lanes = Gen.OneOf(
        Gen.Int[0, 4].Select(i => new[] { "business", "audit", "telemetry", "", "Business" }[i]),
        Gen.String,
        Gen.Char["abz09-_ A"].Array[0, 40].Select(c => new string(c)));

    private static readonly Gen<string> EventIds = Gen.OneOf(
        Gen.Int[0, 0].Select(_ => Guid.NewGuid().ToString("N")),
        Gen.Char["0123456789abcdefABCDEFg-"].Array[0, 40].Select(c => new string(c)),
        Gen.String);

    private static readonly Gen<EventEnvelope> Events =
        Gen.Select(Gen.Int[0, 3].Select(i => new[] { Gateway, "gw2", "", "GW1" }[i]), Lanes, Gen.ULong[0, 6], EventIds, Gen.OneOf(Gen.String, Gen.Int[0, 200].Select(n => new string('t', n))), Gen.Bool, Gen.Int[0, 700])
            .Select((gateway, lane, seq, id, type, hasTime, payload) => new EventEnvelope
            {
                GatewayId = gateway,
                Lane = lane,
                Sequence = seq,
                EventId = id,
                Type = type,
                OccurredAt = hasTime ? Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) : null,
                Payload = ByteString.CopyFrom(new byte[payload]),
            });

    /// <summary>Mostly well-formed batches with one lane and consecutive sequences, so both answers are reached often.</summary>
    private static readonly Gen<UplinkBatch> Batches = Gen.OneOf(
        Gen.Select(Lanes, Gen.ULong, Events.Array[0, 60]).Select((lane, id, events) => Batch(id, lane, events)),
        Gen.Select(Gen.ULong[1, 1000], Gen.Int[1, 60], Gen.Int[0, 2000]).Select((first, count, size) => Batch(
            7,
            "business",
            [.. Enumerable.Range(0, count).Select(i => new EventEnvelope
            {
                GatewayId = Gateway,
                Lane = "business",
                Sequence = first + (ulong)i,
                EventId = Guid.NewGuid().ToString("N"),
                Type = "task.picked",
                OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                Payload = ByteString.CopyFrom(new byte[size % 600]),
            })])));

    [Fact]
    public void AnyBatch_IsAcceptedExactlyWhenItMeetsTheContract_OrRefusedWithOneSpecificStatus()
    {
        long cases = 0;
        Batches.Sample(
            batch =>
            {
                Interlocked.Increment(ref cases);
                var status = _validator.Check(Gateway, batch);
                var expected = ContractProblem(batch);
                if (expected is null)
                {
                    Assert.Null(status);
                }
                else
                {
                    var refused = Assert.IsType<Status>(status);
                    Assert.Contains(refused.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.PermissionDenied });
                    Assert.False(string.IsNullOrWhiteSpace(refused.Detail), expected);
                }
            },
            iter: 20_000);
        Report("uplink batches (BatchValidator)", cases);
    }

    [Fact]
    public void AnyBytes_AsAnUplinkBatch_AreRefusedByTheDecoder_OrCheckedWithoutThrowing()
    {
        long cases = 0;
        Gen.OneOf(Gen.Byte.Array[0, 400], Batches.Select(b => b.ToByteArray()).SelectMany(bytes => Gen.Int[0, Math.Max(0, bytes.Length - 1)].Select(cut => bytes[..cut])))
            .Sample(
                bytes =>
                {
                Interlocked.Increment(ref cases);
                    UplinkBatch batch;
                    try
                    {
                        batch = UplinkBatch.Parser.ParseFrom(bytes);
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        return; // gRPC answers a message it cannot decode with an error status; nothing reaches the ledger.
                    }

                    var status = _validator.Check(Gateway, batch);
                    Assert.True(status is null || !string.IsNullOrWhiteSpace(status.Value.Detail));
                },
                iter: 20_000);
        Report("uplink batch bytes (decoder + BatchValidator)", cases);
    }

    /// <summary>The contract of bridge.proto restated independently of the validator: null when the batch meets it.</summary>
    private static string? ContractProblem(UplinkBatch batch)
    {
        if (!LaneName().IsMatch(batch.Lane) || batch.Events.Count == 0 || batch.Events.Count > Limits.MaxBatchEvents)
        {
            return "lane or count";
        }

        ulong previous = 0;
        foreach (var e in batch.Events)
        {
            if (e.GatewayId != Gateway || e.Lane != batch.Lane || e.Sequence == 0 || !HexId().IsMatch(e.EventId)
                || e.Type.Length is 0 or > 128 || e.OccurredAt is null || e.Payload.Length > Limits.MaxEventBytes
                || (previous != 0 && e.Sequence != previous + 1))
            {
                return $"event {e.Sequence}";
            }

            previous = e.Sequence;
        }

        return null;
    }

    private static UplinkBatch Batch(ulong id, string lane, EventEnvelope[] events)
    {
        var batch = new UplinkBatch { BatchId = id, Lane = lane };
        batch.Events.AddRange(events);
        return batch;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex LaneName();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexId();

    /// <summary>The battery's count for bench/RESULTS.md: cases checked (a failing case fails the test).</summary>
    private void Report(string surface, long cases) => output.WriteLine($"battery {surface}: {cases} cases, 0 crashes, 0 hangs");
}
