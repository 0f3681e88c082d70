using System.Text;
using EdgeAgent.Drivers.Handhelds;

namespace EdgeAgent.Drivers.Tests.Handhelds;

public sealed class HandheldPromptTests
{
    [Fact]
    public void Prompt_SerialisesAsTheReadmeShowsIt()
    {
        var prompt = new HandheldPrompt
        {
            Ack = 18,
            Kind = PromptKind.ScanItem,
            Text = "Scan item SKU-1042",
            Task = new PromptTask("T-7", "A-01-03", "SKU-1042", 4),
        };

        Assert.Equal(
            "{\"v\":1,\"ack\":18,\"kind\":\"scan-item\",\"text\":\"Scan item SKU-1042\",\"task\":{\"id\":\"T-7\",\"location\":\"A-01-03\",\"sku\":\"SKU-1042\",\"qty\":4}}",
            Encoding.UTF8.GetString(prompt.ToUtf8Json()));
    }

    [Fact]
    public void ErrorPrompt_WritesANullAck_AndTheKebabCaseCode()
    {
        var prompt = HandheldPrompt.ForError(null, HandheldErrorCode.PayloadTooLarge, "too big");

        Assert.Equal(
            "{\"v\":1,\"ack\":null,\"kind\":\"error\",\"text\":\"too big\",\"error\":\"payload-too-large\"}",
            Encoding.UTF8.GetString(prompt.ToUtf8Json()));
    }

    [Theory]
    [InlineData(PromptKind.GoToLocation, "go-to-location")]
    [InlineData(PromptKind.EnterQuantity, "enter-quantity")]
    [InlineData(PromptKind.NoWork, "no-work")]
    [InlineData(PromptKind.LoggedOut, "logged-out")]
    public void EveryKind_HasItsWireName_AndReadsBack(PromptKind kind, string wire)
    {
        var prompt = new HandheldPrompt { Ack = 1, Kind = kind, Text = "t" };
        var json = prompt.ToUtf8Json();

        Assert.Contains($"\"kind\":\"{wire}\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(prompt, HandheldPrompt.FromUtf8Json(json));
    }
}
