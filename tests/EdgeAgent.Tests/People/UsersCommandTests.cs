using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.Commands;
using EdgeAgent.People;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.People;

/// <summary><c>EdgeAgent users</c> on a stopped agent's store, then signing in with what it made.</summary>
public sealed class UsersCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await UsersCommand.RunAsync(args, input, output, error, interactive: false);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UsersAdd_OnAFreshInstall_ThenThePersonSignsIn_AndTheAgentAuditsTheChange()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-cli-").FullName;

        var (code, output, error) = await Run("first-admin-pw\n", "users", "add", "--name", "root.admin", "--role", "admin", "--password-stdin", "--data-dir", directory);
        var (listed, list, _) = await Run("", "users", "list", "--data-dir", directory);

        Assert.Equal((UsersCommand.Done, ""), (code, error));
        Assert.Contains("Added root.admin (admin)", output, StringComparison.Ordinal);
        Assert.Equal(UsersCommand.Done, listed);
        Assert.StartsWith("root.admin\tadmin\t", list, StringComparison.Ordinal);

        await using var agent = await RunningAgent.StartAsync(RunningAgent.Settings(directory, "hh-1"), ownsDirectory: true);
        using var client = agent.CookieClient();
        using var signIn = await client.PostAsJsonAsync("/api/session", new { name = "root.admin", password = "first-admin-pw" });
        var body = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        var records = agent.Services.GetRequiredService<DurableStore>().Read(db => new AuditCollections(db).Records.FindAll().Select(r => (r.ActionType, r.Actor)).ToList());

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("admin", body.GetProperty("role").GetString());
        Assert.Equal("person.add", records[0].ActionType);
        Assert.StartsWith("cli:", records[0].Actor, StringComparison.Ordinal);
        Assert.Contains((PeopleAudit.SignInAction, "root.admin"), records);
    }

    [Fact]
    public async Task Users_RefusesClearly_WhileTheAgentHoldsTheStore()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");

        var (code, _, error) = await Run("some-password\n", "users", "add", "--name", "late", "--role", "viewer", "--password-stdin", "--data-dir", agent.DataDirectory);

        Assert.Equal(UsersCommand.StoreUnavailable, code);
        Assert.Contains("is in use (is the agent running?)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pw-long-enough\n", "users add --name x --role boss --password-stdin", "is not a role")]
    [InlineData("short\n", "users add --name x --role viewer --password-stdin", "a password is 8-256 characters")]
    [InlineData("", "users add --name x --role viewer", "pass the password on standard input with --password-stdin")]
    [InlineData("", "users add --name bad/name --role viewer", "is not a valid name")]
    [InlineData("", "users remove", "Usage:")]
    public async Task Users_WithBadInput_SaysWhatIsWrong(string stdin, string args, string says)
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-cli-").FullName;
        try
        {
            var (code, _, error) = await Run(stdin, [.. args.Split(' '), "--data-dir", directory]);

            Assert.Equal(UsersCommand.Usage, code);
            Assert.Contains(says, error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SetPassword_EndsTheOldPassword_AndRemove_EndsThePerson()
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-cli-").FullName;
        await Run("old-password\n", "users", "add", "--name", "sue", "--role", "supervisor", "--password-stdin", "--data-dir", directory);
        var (changed, _, _) = await Run("new-password\n", "users", "set-password", "--name", "sue", "--password-stdin", "--data-dir", directory);
        await Run("pw-for-bob-1\n", "users", "add", "--name", "bob", "--role", "viewer", "--password-stdin", "--data-dir", directory);
        var (removed, _, _) = await Run("", "users", "remove", "--name", "bob", "--data-dir", directory);

        await using var agent = await RunningAgent.StartAsync(RunningAgent.Settings(directory, "hh-1"), ownsDirectory: true);
        using var old = await agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "sue", password = "old-password" });
        using var fresh = await agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "sue", password = "new-password" });
        using var gone = await agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "bob", password = "pw-for-bob-1" });

        Assert.Equal((UsersCommand.Done, UsersCommand.Done), (changed, removed));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (old.StatusCode, fresh.StatusCode, gone.StatusCode));
    }
}
