using System.Diagnostics;

namespace EdgeAgent.Drivers.Tests.Infrastructure;

/// <summary>Mosquitto run the way a site runs it for EdgeAgent: passwords, and the ACL file we ship.</summary>
public sealed class SecuredMosquittoFixture : MosquittoFixture
{
    public const string AgentUser = "edgeagent-gw1";
    public const string AgentPassword = "agent-pw";
    private const string PasswdTool = "/usr/bin/mosquitto_passwd";

    public static string DevicePassword(string deviceId) => $"pw-{deviceId}";

    protected override async Task<string> AccessConfigurationAsync(string directory)
    {
        var passwords = Path.Combine(directory, "edgeagent.passwd");
        await AddUserAsync(passwords, AgentUser, AgentPassword, create: true);
        foreach (var device in new[] { "hh-1", "hh-2" })
        {
            await AddUserAsync(passwords, device, DevicePassword(device), create: false);
        }

        return $"""
            allow_anonymous false
            password_file {passwords}
            acl_file {ShippedAclFile()}
            use_username_as_clientid true
            """;
    }

    /// <summary>deploy-arm64/mosquitto/edgeagent.acl, found from the test's output folder.</summary>
    public static string ShippedAclFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy-arm64", "mosquitto", "edgeagent.acl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy-arm64/mosquitto/edgeagent.acl not found above the test folder");
    }

    private static async Task AddUserAsync(string file, string user, string password, bool create)
    {
        var info = new ProcessStartInfo(PasswdTool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in create ? ["-c", "-b", file, user, password] : new[] { "-b", file, user, password })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_passwd did not start");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
