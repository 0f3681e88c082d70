using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeAgent.Commands;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Tests.Commands;

public sealed partial class DevicesCommandTests : IDisposable
{
    private readonly SiteFolder _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Add_PrintsHashesForTheSiteFile_AndEachPasswordOnlyOnItsDeviceSheet()
    {
        var config = _site.WriteConfig();
        var (code, output, error) = Run("devices", "add", "--kind", "handheld", "--id", "hh", "--count", "2", "--config", config);

        Assert.Equal(DevicesCommand.Done, code);
        Assert.Empty(error);
        var snippet = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..(output.IndexOf("\n}", StringComparison.Ordinal) + 2)])!;
        foreach (var id in new[] { "hh-1", "hh-2" })
        {
            var password = Passwords().Matches(output).Single(m => m.Index > output.IndexOf($"[{id}]", StringComparison.Ordinal) && m.Index < (output.IndexOf($"[{id}]", StringComparison.Ordinal) + 400)).Groups[1].Value;
            Assert.True(password.Length >= 24, "a strong password");
            Assert.Equal(1, Regex.Count(output, Regex.Escape(password)));
            Assert.Equal("handheld", (string?)snippet["Broker"]!["Clients"]![id]!["Kind"]);
            Assert.True(PasswordHash.Verify(password, (string?)snippet["Broker"]!["Clients"]![id]!["PasswordHash"]));
            Assert.Contains($"topic prefix   dc/dc7/handheld/{id}/", output, StringComparison.Ordinal);
        }

        Assert.Equal(["hh-1", "hh-2"], snippet["Handhelds"]!["Devices"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void AddWrite_PutsEntriesTheAgentAccepts_IntoTheSiteFile_AndRefusesAnIdItHasAlready()
    {
        var config = _site.WriteConfig();

        var (code, output, _) = Run("devices", "add", "--kind", "scanner", "--id", "sc-9", "--config", config, "--write");
        Assert.Equal(DevicesCommand.Done, code);
        var password = Passwords().Match(output).Groups[1].Value;
        var written = JsonNode.Parse(File.ReadAllText(config))!;
        Assert.True(PasswordHash.Verify(password, (string?)written["Broker"]!["Clients"]!["sc-9"]!["PasswordHash"]));
        Assert.Equal("127.0.0.1", (string?)written["Broker"]!["BindAddress"]);
        Assert.Empty(DoctorCommand.StartupValidationFailures(SiteConfiguration.Load(config)));

        var before = File.ReadAllText(config);
        var (again, _, error) = Run("devices", "add", "--kind", "scanner", "--id", "sc-9", "--config", config, "--write");
        Assert.Equal(DevicesCommand.Usage, again);
        Assert.Contains("already has a device 'sc-9'", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(config));
    }

    [Theory]
    [InlineData("devices", "add", "--kind", "robot", "--id", "r1")]
    [InlineData("devices", "add", "--kind", "handheld")]
    [InlineData("devices", "add", "--kind", "handheld", "--id", "bad/id")]
    [InlineData("devices", "add", "--kind", "handheld", "--id", "hh", "--count", "0")]
    public void BadArguments_SayHowToUseIt_AndChangeNothing(params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(DevicesCommand.Usage, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = DevicesCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"password       (\S+)")]
    private static partial Regex Passwords();
}
