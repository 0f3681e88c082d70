using System.Text;
using System.Text.RegularExpressions;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using static EdgeAgent.Fuzz.FuzzFinding;

namespace EdgeAgent.Fuzz;

/// <summary>
/// The fuzzed surfaces: every parser that takes bytes from a device, a printer or a gateway. Each target feeds one
/// input to the real parser and checks what the bad-input battery promises: it returns (never throws), and the
/// answer is either a message within the protocol's limits or one specific refusal with a reason.
/// </summary>
internal static partial class Targets
{
    private const string Gateway = "gw1";

    // Made on first use, never in the type initializer: instrumented code may run only once SharpFuzz's Fuzzer.Run
    // has set up the coverage map (before that its probes write through a null pointer).
    private static BarcodeDecoder? s_decoder;
    private static IngressOptions? s_ingressLimits;
    private static BatchValidator? s_validator;

    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        new("handheld", "handheld MQTT payloads (HandheldMessageParser)", Handheld),
        new("scanner", "fixed-scanner MQTT payloads, then their barcode (ScannerReadParser + BarcodeDecoder)", Scanner),
        new("gs1", "barcode text with AIM identifier and GS1 element strings (BarcodeDecoder)", Gs1),
        new("hoststatus", "printer ~HS replies (HostStatusParser)", HostStatus),
        new("extendedstatus", "printer ~HQES replies (ExtendedStatusParser)", ExtendedStatus),
        new("iolink", "IO-Link master port payloads (IoLinkPortPayload)", IoLink),
        new("batch", "gateway uplink batches as protobuf (UplinkBatch parser + BatchValidator)", Batch),
    ];

    private static BarcodeDecoder Decoder => s_decoder ??= new BarcodeDecoder(new FixedClock());

    private static IngressOptions IngressLimits => s_ingressLimits ??= new IngressOptions();

    private static BatchValidator Validator => s_validator ??= new BatchValidator(Options.Create(IngressLimits));

    private static void Handheld(byte[] input)
    {
        var result = HandheldMessageParser.Parse(input, "hh-1", 4096);
        if (result.Message is { } message)
        {
            Require(result.Rejection is null, "a parsed handheld message also carries a rejection");
            Require(message.DeviceId == "hh-1" && message.Seq >= 1 && Enum.IsDefined(message.Type), $"accepted handheld message out of contract: seq {message.Seq}, type {message.Type}");
            Require(message.Picker is null || message.Picker.Length is > 0 and <= HandheldMessageParser.MaxPickerLength, "accepted picker id out of bounds");
            Require(message.Code is null || message.Code.Length is > 0 and <= HandheldMessageParser.MaxCodeLength, "accepted scan code out of bounds");
            Require(message.Qty is null or >= 0 and <= HandheldMessageParser.MaxQty, $"accepted qty {message.Qty}");
        }
        else
        {
            Require(result.Rejection is { } r && Enum.IsDefined(r.Error) && r.Error != HandheldErrorCode.Internal && !string.IsNullOrWhiteSpace(r.Reason), "handheld payload refused without one specific error and reason");
        }
    }

    private static void Scanner(byte[] input)
    {
        var result = ScannerReadParser.Parse(input, "scn-1", 4096);
        if (result.Read is { } read)
        {
            Require(read.DeviceId == "scn-1" && read.Seq >= 1 && read.Data.Length is >= 1 and <= ScannerReadParser.MaxDataLength, "accepted scanner read out of contract");
            CheckBarcode(Decoder.Decode(read.Data));
        }
        else
        {
            Require(Enum.IsDefined(result.Error) && !string.IsNullOrWhiteSpace(result.Reason), "scanner payload refused without a specific error and reason");
        }
    }

    private static void Gs1(byte[] input) => CheckBarcode(Decoder.Decode(Encoding.Latin1.GetString(input)));

    private static void CheckBarcode(BarcodeDecodeResult result)
    {
        Require(result.IsValid ^ result.Error is not null, "a barcode is both decoded and refused, or neither");
        if (result.Error is { } error)
        {
            Require(Enum.IsDefined(error.Code) && !string.IsNullOrWhiteSpace(error.Reason), "barcode refused without a specific code and reason");
        }
    }

    private static void HostStatus(byte[] input)
    {
        var result = HostStatusParser.Parse(Encoding.Latin1.GetString(input));
        Require(result.IsValid ^ (result.Error != HostStatusError.None) && Enum.IsDefined(result.Error), $"~HS answer valid={result.IsValid} with error {result.Error}");
    }

    private static void ExtendedStatus(byte[] input)
    {
        var result = ExtendedStatusParser.Parse(Encoding.Latin1.GetString(input));
        Require(result.IsValid ^ (result.Error != HostStatusError.None) && Enum.IsDefined(result.Error), $"~HQES answer valid={result.IsValid} with error {result.Error}");
    }

    private static void IoLink(byte[] input)
    {
        var read = IoLinkPortPayload.TryParse(input);
        Require(read is null || read.Value.Seq is null or >= 0, "IO-Link payload read with a negative sequence");
    }

    /// <summary>
    /// What gRPC hands the ingress: bytes that decode as an <see cref="UplinkBatch"/> (or are refused by the decoder)
    /// and then go through the validator. A batch the validator lets through must meet the contract, or the ledger
    /// would store events it cannot acknowledge in order.
    /// </summary>
    private static void Batch(byte[] input)
    {
        UplinkBatch batch;
        try
        {
            batch = UplinkBatch.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException)
        {
            return; // gRPC answers an undecodable message with an error status; nothing reaches the ledger.
        }

        var status = Validator.Check(Gateway, batch);
        if (status is { } refused)
        {
            Require(refused.StatusCode != Grpc.Core.StatusCode.OK && !string.IsNullOrWhiteSpace(refused.Detail), "batch refused without a status and reason");
            return;
        }

        Require(LaneName().IsMatch(batch.Lane) && batch.Events.Count is > 0 && batch.Events.Count <= IngressLimits.MaxBatchEvents, "accepted batch with a bad lane or event count");
        ulong previous = 0;
        foreach (var e in batch.Events)
        {
            Require(e.GatewayId == Gateway && e.Lane == batch.Lane && e.Sequence != 0 && HexId().IsMatch(e.EventId), $"accepted event {e.Sequence} out of contract");
            Require(e.Type.Length is > 0 and <= 128 && e.OccurredAt is not null && e.Payload.Length <= IngressLimits.MaxEventBytes, $"accepted event {e.Sequence} with a bad type, time or payload");
            Require(previous == 0 || e.Sequence == previous + 1, $"accepted batch with sequence {e.Sequence} after {previous}");
            previous = e.Sequence;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex LaneName();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HexId();
}
