using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeAgent.Commands;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.People;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Tests.Commands;

/// <summary><c>EdgeAgent setup</c>: the first admin, the devices' credentials and their sheet, once per site.</summary>
public sealed partial class SetupCommandTests : IDisposable
{
    private readonly SiteFolder _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Setup_OnAFreshSite_CreatesTheAdmin_AddsEveryDeviceTheAgentAccepts_AndPrintsEachOnesSheet()
    {
        var config = _site.WriteConfig();

        var (code, output, error) = await RunAsync("first-admin-pw\n", "setup", "--admin", "Alice", "--password-stdin", "--handhelds", "2", "--scanners", "1", "--printers", "1", "--iolink", "1", "--config", config);

        Assert.Equal((SetupCommand.Done, ""), (code, error));
        var written = JsonNode.Parse(File.ReadAllText(config))!;
        var clients = written["Broker"]!["Clients"]!.AsObject();
        Assert.Equal(["hh-1", "hh-2", "sc-1", "pr-1", "io-1"], clients.Select(c => c.Key));
        Assert.Equal(["handheld", "handheld", "scanner", "printer", "iolink"], clients.Select(c => (string?)c.Value!["Kind"]));
        Assert.Equal(["hh-1", "hh-2"], written["Handhelds"]!["Devices"]!.AsArray().Select(n => (string?)n));
        foreach (var (id, entry) in clients)
        {
            var sheet = output[output.IndexOf($"[{id}]", StringComparison.Ordinal)..];
            var password = Passwords().Match(sheet).Groups[1].Value;
            Assert.True(PasswordHash.Verify(password, (string?)entry!["PasswordHash"]), $"{id}'s sheet carries the password its hash was made from");
            Assert.Equal(1, Regex.Count(output, Regex.Escape(password)));
        }

        Assert.Contains("topic prefix   dc/dc7/iolink/io-1/", output, StringComparison.Ordinal);
        Assert.Contains("admin          Alice", output, StringComparison.Ordinal);
        Assert.Contains("/signin", output, StringComparison.Ordinal);
        Assert.Empty(DoctorCommand.StartupValidationFailures(SiteConfiguration.Load(config)));
        var admin = (await ReadPeopleAsync()).Single();
        Assert.Equal(("Alice", PersonRole.Admin), (admin.Name, admin.Role));
        Assert.True(PasswordHash.Verify("first-admin-pw", admin.PasswordHash));
    }

    [Fact]
    public async Task Setup_RefusesOnceAnAdminExists_AndChangesNeitherTheSiteFileNorThePeople()
    {
        var config = _site.WriteConfig();
        var (first, _, _) = await RunAsync("", "setup", "--admin", "alice", "--generate-password", "--handhelds", "1", "--config", config);
        var siteFile = File.ReadAllText(config);

        var (again, output, error) = await RunAsync("", "setup", "--admin", "bob", "--generate-password", "--handhelds", "3", "--config", config);

        Assert.Equal(SetupCommand.Done, first);
        Assert.Equal(SetupCommand.Usage, again);
        Assert.Empty(output);
        Assert.Contains("this site is set up already (admin 'alice' exists). Nothing was changed.", error, StringComparison.Ordinal);
        Assert.Equal(siteFile, File.ReadAllText(config));
        Assert.Equal(["alice"], (await ReadPeopleAsync()).Select(p => p.Name));
    }

    [Fact]
    public async Task Setup_WithAGeneratedPassword_ShowsItOnce_AndThatPasswordIsTheAdmins()
    {
        var config = _site.WriteConfig();

        var (code, output, _) = await RunAsync("", "setup", "--admin", "root.admin", "--generate-password", "--config", config);

        Assert.Equal(SetupCommand.Done, code);
        var password = Passwords().Match(output[output.IndexOf("[console]", StringComparison.Ordinal)..]).Groups[1].Value;
        Assert.True(password.Length >= 24, "a strong password");
        Assert.True(PasswordHash.Verify(password, (await ReadPeopleAsync()).Single().PasswordHash));
        Assert.DoesNotContain("Clients", File.ReadAllText(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WarnsThatNobodyCanAdministerTheConsole_UntilSetupMadeAnAdmin()
    {
        var config = _site.WriteConfig();
        using var before = new StringWriter();
        await DoctorCommand.RunAsync(["doctor", "--config", config], before, TextWriter.Null);

        await RunAsync("", "setup", "--admin", "alice", "--generate-password", "--config", config);
        using var after = new StringWriter();
        var code = await DoctorCommand.RunAsync(["doctor", "--config", config], after, TextWriter.Null);

        Assert.Contains("warn  console admin: none yet (no store): nobody can sign in to the console — run `EdgeAgent setup --admin <name>`", before.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok    console admin: alice", after.ToString(), StringComparison.Ordinal);
        Assert.Equal(DoctorCommand.Healthy, code);
    }

    [Theory]
    [InlineData("setup --handhelds 2", "Usage:")]
    [InlineData("setup --admin a --password-stdin --generate-password", "Usage:")]
    [InlineData("setup --admin bad/name --generate-password", "is not a valid name")]
    [InlineData("setup --admin a --generate-password --scanners 501", "--scanners takes a number of devices, 0-500")]
    [InlineData("setup --admin a --generate-password --printers two", "--printers takes a number of devices, 0-500")]
    [InlineData("setup --admin a", "pass the admin's password on standard input with --password-stdin, or use --generate-password")]
    public async Task Setup_WithBadInput_SaysWhatIsWrong_AndChangesNothing(string args, string says)
    {
        var config = _site.WriteConfig();
        var siteFile = File.ReadAllText(config);

        var (code, output, error) = await RunAsync("", [.. args.Split(' '), "--config", config]);

        Assert.Equal(SetupCommand.Usage, code);
        Assert.Empty(output);
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.Equal(siteFile, File.ReadAllText(config));
        Assert.False(File.Exists(Path.Combine(_site.DataDirectory, new StoreOptions().FileName)), "no store was made");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SetupCommand.RunAsync(args, input, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<List<Person>> ReadPeopleAsync()
    {
        await using var store = DurableStore.Open(new StoreOptions { DataDirectory = _site.DataDirectory }, NullLogger<DurableStore>.Instance, documents: PeopleCollections.Documents);
        return store.Read(PeopleBook.List);
    }

    [GeneratedRegex(@"password       (\S+)")]
    private static partial Regex Passwords();
}
