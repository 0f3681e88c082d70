using System.Text;
using CsCheck;
using Xunit.Abstractions;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Drivers.Tests.BadInput;

/// <summary>
/// The bad-input battery for every decoder a device reaches: whatever arrives, the decoder returns (never
/// throws), and the answer is either a valid message within the protocol's limits or one specific refusal
/// with a reason the device or the log can show.
/// </summary>
public sealed class DeviceInputBatteryTests(ITestOutputHelper output)
{
    private const int Iterations = 20_000;

    private static readonly string[] ValidHandheld =
    [
        """{"v":1,"seq":1,"type":"login","picker":"P-1"}""",
        """{"v":1,"seq":7,"type":"scan","code":"A-01-1"}""",
        """{"v":1,"seq":8,"type":"confirm","qty":3}""",
        """{"v":1,"seq":9,"type":"short","qty":0}""",
        """{"v":1,"seq":10,"type":"damaged","qty":1}""",
        """{"v":1,"seq":11,"type":"logout"}""",
    ];

    private static readonly string[] ValidScanner =
    [
        """{"v":1,"seq":1,"data":"]C100106141410000000010"}""",
        """{"v":1,"seq":2,"data":"]d201095011010209171719050810ABCD1234\u001d2112345","symbology":"d2","at":"2026-01-31T08:00:00Z"}""",
    ];

    private static readonly string[] ValidHostStatus =
    [
        "\u0002030,0,0,1218,000,0,0,0,000,0,0,0\u0003\r\n\u0002001,0,0,0,1,2,6,0,00000000,1,000\u0003\r\n\u00021234,0\u0003\r\n",
        "\u0002030,1,1,1218,000,1,1,0,000,0,0,0\u0003\r\n\u0002001,0,1,1,1,2,6,0,00000000,1,000\u0003\r\n\u00021234,0\u0003\r\n",
    ];

    private static readonly string[] ValidExtendedStatus =
    [
        "\u0002\r\n  PRINTER STATUS\r\n   ERRORS:         0 00000000 00000000\r\n   WARNINGS:       0 00000000 00000000\r\n\u0003\r\n",
        "\u0002\r\n  PRINTER STATUS\r\n   ERRORS:         1 00000000 00000005\r\n   WARNINGS:       1 00000000 00000002\r\n\u0003\r\n",
    ];

    private static readonly string[] ValidIoLink = ["""{"v":1,"seq":42,"value":true,"ts":"2026-01-31T08:00:00Z"}""", """{"v":1,"value":0}"""];

    [Fact]
    public void HandheldMessages_AnyBytes_AreParsedOrRefusedWithOneSpecificError()
    {
        long cases = 0;
        HostileInput.Any(ValidHandheld).Sample(
            payload =>
            {
                Interlocked.Increment(ref cases);
                var result = HandheldMessageParser.Parse(payload, "hh-1", 4096);
                if (result.Message is { } message)
                {
                    Assert.Null(result.Rejection);
                    Assert.Equal("hh-1", message.DeviceId);
                    Assert.True(message.Seq >= 1, $"accepted seq {message.Seq}");
                    Assert.True(Enum.IsDefined(message.Type));
                    Assert.True(message.Picker is null || message.Picker.Length is > 0 and <= HandheldMessageParser.MaxPickerLength);
                    Assert.True(message.Code is null || message.Code.Length is > 0 and <= HandheldMessageParser.MaxCodeLength);
                    Assert.True(message.Qty is null or >= 0 and <= HandheldMessageParser.MaxQty, $"accepted qty {message.Qty}");
                }
                else
                {
                    var rejection = Assert.IsType<HandheldRejection>(result.Rejection);
                    Assert.True(Enum.IsDefined(rejection.Error));
                    Assert.NotEqual(HandheldErrorCode.Internal, rejection.Error);
                    Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
                }
            },
            iter: Iterations);
        Report("handheld payloads", cases);
    }

    [Fact]
    public void HandheldMessages_OverTheSizeLimit_AreRefusedUnread()
    {
        long cases = 0;
        Gen.Int[1, 20_000].Sample(
            extra =>
            {
                Interlocked.Increment(ref cases);
                var payload = Encoding.UTF8.GetBytes("""{"v":1,"seq":1,"type":"scan","code":" """ + new string('9', extra) + "\"}");
                var result = HandheldMessageParser.Parse(payload, "hh-1", 64);
                if (payload.Length > 64)
                {
                    Assert.Equal(HandheldErrorCode.PayloadTooLarge, result.Rejection?.Error);
                }
                else
                {
                    Assert.Equal(HandheldMessageType.Scan, result.Message?.Type);
                }
            },
            iter: 500);
        Report("handheld payloads over the size limit", cases);
    }

    [Fact]
    public void ScannerReads_AnyBytes_AreParsedOrRefusedWithOneSpecificError()
    {
        long cases = 0;
        HostileInput.Any(ValidScanner).Sample(
            payload =>
            {
                Interlocked.Increment(ref cases);
                var result = ScannerReadParser.Parse(payload, "scn-1", 4096);
                if (result.Read is { } read)
                {
                    Assert.Equal("scn-1", read.DeviceId);
                    Assert.True(read.Seq >= 1);
                    Assert.InRange(read.Data.Length, 1, ScannerReadParser.MaxDataLength);
                }
                else
                {
                    Assert.True(Enum.IsDefined(result.Error));
                    Assert.False(string.IsNullOrWhiteSpace(result.Reason));
                }
            },
            iter: Iterations);
        Report("scanner payloads", cases);
    }

    [Fact]
    public void Gs1ElementStrings_AnyText_DecodeOrNameTheirError()
    {
        long cases = 0;
        Gen.OneOf(
                Gen.String,
                Gen.Char["0123456789\u001d()ABCDEFabcdef-/"].Array[0, 120].Select(c => new string(c)),
                Gen.Select(HostileInput.Pick("00", "01", "02", "10", "11", "15", "17", "21", "30", "37", "310", "3103", "392", "400", "410", "420", "8020", "99"), Gen.Char["0123456789\u001dX"].Array[0, 40])
                    .Select((ai, rest) => ai + new string(rest)))
            .Sample(
                raw =>
                {
                Interlocked.Increment(ref cases);
                    var error = Gs1ElementStringParser.TryParse(raw, 0, 2026, out var data);
                    // Elements that read but break a companion rule come back with the error and the data read.
                    Assert.True(error is not null || data is not null, $"neither data nor error for '{raw}'");
                    if (error is not null)
                    {
                        Assert.True(Enum.IsDefined(error.Code));
                        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
                        Assert.True(data is null || error.Code is Gs1ErrorCode.MissingCompanion or Gs1ErrorCode.ConflictingAis, $"{error} with data for '{raw}'");
                    }
                },
                iter: Iterations);
        Report("GS1 element strings", cases);
    }

    [Fact]
    public void BarcodeReads_AnyText_DecodeOrSayWhy()
    {
        long cases = 0;
        Gen.OneOf(Gen.String, Gen.String.Select(s => "]C1" + s), Gen.String.Select(s => "]d2" + s), Gen.String.Select(s => "]Q3" + s), Gen.String.Select(s => "]e0" + s))
            .Sample(
                raw =>
                {
                Interlocked.Increment(ref cases);
                    var result = new BarcodeDecoder(TimeProvider.System).Decode(raw);
                    Assert.True(result.IsValid ^ result.Error is not null);
                },
                iter: Iterations);
        Report("barcode reads", cases);
    }

    [Fact]
    public void PrinterHostStatus_AnyReply_ParsesOrNamesWhatIsWrong()
    {
        long cases = 0;
        PrinterReplies(ValidHostStatus).Sample(
            reply =>
            {
                Interlocked.Increment(ref cases);
                var result = HostStatusParser.Parse(reply);
                Assert.True(result.IsValid ^ (result.Error != HostStatusError.None), $"valid {result.IsValid} with error {result.Error}");
                if (!result.IsValid)
                {
                    Assert.True(Enum.IsDefined(result.Error));
                }
            },
            iter: Iterations);
        Report("printer ~HS replies", cases);
    }

    [Fact]
    public void PrinterExtendedStatus_AnyReply_ParsesOrNamesWhatIsWrong()
    {
        long cases = 0;
        PrinterReplies(ValidExtendedStatus).Sample(
            reply =>
            {
                Interlocked.Increment(ref cases);
                var result = ExtendedStatusParser.Parse(reply);
                Assert.True(result.IsValid ^ (result.Error != HostStatusError.None), $"valid {result.IsValid} with error {result.Error}");
            },
            iter: Iterations);
        Report("printer ~HQES replies", cases);
    }

    [Fact]
    public void IoLinkPortPayloads_AnyBytes_AreReadOrIgnored_NeverThrow()
    {
        long cases = 0;
        HostileInput.Any(ValidIoLink).Sample(
            payload =>
            {
                Interlocked.Increment(ref cases);
                var read = IoLinkPortPayload.TryParse(payload);
                Assert.True(read is null || read.Value.Seq is null or >= 0);
            },
            iter: Iterations);
        Report("IO-Link port payloads", cases);
    }

    /// <summary>The battery's count for bench/RESULTS.md: cases checked (a failing case fails the test, so crashes are 0 here).</summary>
    private void Report(string surface, long cases) => output.WriteLine($"battery {surface}: {cases} cases, 0 crashes, 0 hangs");

    /// <summary>~HS-like replies: framed fields of any digits and commas, garbage between frames, cuts and flips of real replies.</summary>
    private static Gen<string> PrinterReplies(string[] valid) =>
        Gen.OneOf(
            Gen.String,
            Gen.Char["0123456789,\u0002\u0003\r\n -"].Array[0, 200].Select(c => new string(c)),
            Gen.Char["0123456789,"].Array[0, 60].Array[0, 5].Select(frames => string.Concat(frames.Select(f => "\u0002" + new string(f) + "\u0003\r\n"))),
            HostileInput.Mutated(valid).Select(b => Encoding.Latin1.GetString(b)),
            Gen.Int[0, 0].Select(_ => (string)null!));
}
