using System.Text;
using CsCheck;
using EdgeAgent.Drivers.Handhelds;

namespace EdgeAgent.Drivers.Tests.Handhelds;

public sealed class HandheldMessageParserTests
{
    private const string Device = "HH-01";
    private const int Limit = 4096;

    private static HandheldParseResult Parse(string json) => HandheldMessageParser.Parse(Encoding.UTF8.GetBytes(json), Device, Limit);

    public static TheoryData<string, HandheldErrorCode, long?> BadInputs => new()
    {
        { "", HandheldErrorCode.MalformedJson, null },
        { "{", HandheldErrorCode.MalformedJson, null },
        { "{\"v\":1,\"seq\":5,\"type\":\"logout\"", HandheldErrorCode.MalformedJson, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"logout\"} x", HandheldErrorCode.MalformedJson, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"logout\"}{}", HandheldErrorCode.MalformedJson, 5 },
        { "[1,2]", HandheldErrorCode.MalformedJson, null },
        { "\"login\"", HandheldErrorCode.MalformedJson, null },
        { "42", HandheldErrorCode.MalformedJson, null },
        { "null", HandheldErrorCode.MalformedJson, null },
        { "{\"v\":2,\"seq\":5,\"type\":\"logout\"}", HandheldErrorCode.UnsupportedVersion, 5 },
        { "{\"v\":0,\"seq\":5,\"type\":\"logout\"}", HandheldErrorCode.UnsupportedVersion, 5 },
        { "{\"seq\":5,\"type\":\"logout\"}", HandheldErrorCode.MissingField, 5 },
        { "{\"v\":\"1\",\"seq\":5,\"type\":\"logout\"}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"type\":\"logout\"}", HandheldErrorCode.MissingField, null },
        { "{\"v\":1,\"seq\":0,\"type\":\"logout\"}", HandheldErrorCode.BadField, null },
        { "{\"v\":1,\"seq\":-3,\"type\":\"logout\"}", HandheldErrorCode.BadField, null },
        { "{\"v\":1,\"seq\":\"5\",\"type\":\"logout\"}", HandheldErrorCode.BadField, null },
        { "{\"v\":1,\"seq\":5.5,\"type\":\"logout\"}", HandheldErrorCode.BadField, null },
        { "{\"v\":1,\"seq\":null,\"type\":\"logout\"}", HandheldErrorCode.BadField, null },
        { "{\"v\":1,\"seq\":5}", HandheldErrorCode.MissingField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"dance\"}", HandheldErrorCode.UnknownType, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"LOGIN\"}", HandheldErrorCode.UnknownType, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":7}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"login\"}", HandheldErrorCode.MissingField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"login\",\"picker\":7}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"login\",\"picker\":\"\"}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"login\",\"picker\":\"" + new string('p', 65) + "\"}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"scan\"}", HandheldErrorCode.MissingField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"scan\",\"code\":[\"A\"]}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"scan\",\"code\":\"" + new string('c', 129) + "\"}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"confirm\"}", HandheldErrorCode.MissingField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"confirm\",\"qty\":\"3\"}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"confirm\",\"qty\":1.5}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"confirm\",\"qty\":-1}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"confirm\",\"qty\":100001}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"short\"}", HandheldErrorCode.MissingField, 5 },
        { "{\"v\":1,\"seq\":5,\"type\":\"short\",\"qty\":null}", HandheldErrorCode.BadField, 5 },
        { "{\"v\":1,\"seq\":5,\"seq\":6,\"type\":\"logout\"}", HandheldErrorCode.BadField, 6 },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInput_IsRejected_WithTheProtocolErrorCode_AndTheSeqWhenReadable(string json, HandheldErrorCode expected, long? seq)
    {
        var result = Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Rejection.Error);
        Assert.Equal(seq, result.Rejection.Seq);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Reason));
    }

    [Fact]
    public void PayloadOverTheLimit_IsRejectedUnread()
    {
        var json = "{\"v\":1,\"seq\":5,\"type\":\"scan\",\"code\":\"" + new string('c', 100) + "\"}";

        var result = HandheldMessageParser.Parse(Encoding.UTF8.GetBytes(json), Device, maxPayloadBytes: 64);

        Assert.Equal(HandheldErrorCode.PayloadTooLarge, result.Rejection?.Error);
        Assert.Null(result.Rejection?.Seq);
    }

    [Fact]
    public void InvalidUtf8InAString_IsMalformedJson()
    {
        byte[] payload = [.. "{\"v\":1,\"seq\":5,\"type\":\"scan\",\"code\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var result = HandheldMessageParser.Parse(payload, Device, Limit);

        Assert.Equal(HandheldErrorCode.MalformedJson, result.Rejection?.Error);
    }

    [Fact]
    public void Login_CarriesThePicker()
    {
        var result = Parse("{\"v\":1,\"seq\":1,\"type\":\"login\",\"picker\":\"B-0042\"}");

        Assert.True(result.IsValid);
        Assert.Equal(new HandheldMessage { DeviceId = Device, Seq = 1, Type = HandheldMessageType.Login, Picker = "B-0042" }, result.Message);
    }

    [Fact]
    public void Scan_CarriesTheCode_AndIgnoresUnknownAndForeignFields()
    {
        var result = Parse("{\"v\":1,\"seq\":18,\"type\":\"scan\",\"code\":\"A-01-03\",\"battery\":{\"pct\":80},\"qty\":\"n/a\"}");

        Assert.Equal(new HandheldMessage { DeviceId = Device, Seq = 18, Type = HandheldMessageType.Scan, Code = "A-01-03" }, result.Message);
    }

    [Theory]
    [InlineData("confirm", HandheldMessageType.Confirm, 4)]
    [InlineData("short", HandheldMessageType.Short, 0)]
    [InlineData("confirm", HandheldMessageType.Confirm, 100000)]
    [InlineData("damaged", HandheldMessageType.Damaged, 2)]
    public void ConfirmAndShort_CarryTheQuantity(string type, HandheldMessageType expected, int qty)
    {
        var result = Parse($"{{\"type\":\"{type}\",\"qty\":{qty},\"seq\":7,\"v\":1}}");

        Assert.Equal(new HandheldMessage { DeviceId = Device, Seq = 7, Type = expected, Qty = qty }, result.Message);
    }

    [Fact]
    public void Logout_NeedsNoOtherField()
    {
        var result = Parse(" {\"v\":1,\"seq\":9007199254740993,\"type\":\"logout\"}\n");

        Assert.Equal(new HandheldMessage { DeviceId = Device, Seq = 9007199254740993, Type = HandheldMessageType.Logout }, result.Message);
    }

    [Fact]
    public void ArbitraryBytes_NeverThrow()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var result = HandheldMessageParser.Parse(bytes, Device, 512);
            Assert.True(result.IsValid || result.Rejection is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void JsonLookingText_NeverThrows()
    {
        var alphabet = "{}[]\":,-.0123456789 eE\\vseqtypcodqlginsh";
        Gen.Char[alphabet].Array[0, 120].Select(chars => new string(chars)).Sample(text =>
        {
            var result = Parse(text);
            Assert.True(result.IsValid || result.Rejection is not null);
        }, iter: 20_000);
    }
}
