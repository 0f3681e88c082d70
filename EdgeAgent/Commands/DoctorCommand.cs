using EdgeAgent.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent doctor [--config FILE]</c>: checks a site's setup — configuration, data directory, ports, GPIO and I²C,
/// certificates, central — one <c>ok</c>/<c>warn</c>/<c>FAIL</c> line each with what to fix. Exit code 1 on any FAIL.
/// </summary>
public static class DoctorCommand
{
    public const int Healthy = 0;
    public const int Failing = 1;
    public const int Usage = 2;
    private static readonly HashSet<string> Names = ["--config"];
    private static readonly HashSet<string> Flags = [];

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error, new DoctorSetup());

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, DoctorSetup setup)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["doctor", .. var rest] || CommandArguments.Parse(rest, Names, Flags) is not { } parsed)
        {
            error.WriteLine("Usage: EdgeAgent doctor [--config FILE]   (default: EDGEAGENT_CONFIG, else /etc/edgeagent/edgeagent.json)");
            return Usage;
        }

        var file = SiteConfiguration.SiteFile(parsed["--config"]);
        output.WriteLine($"EdgeAgent doctor: {file}");
        var findings = new List<DoctorFinding>();
        if (!File.Exists(file))
        {
            findings.Add(DoctorFinding.Warn("config", $"{file} does not exist: the agent runs on its defaults (see deploy-arm64/config/edgeagent.json)"));
        }

        var configuration = SiteConfiguration.Load(parsed["--config"]);
        var checks = new DoctorChecks(configuration, setup);
        findings.AddRange(checks.Configuration());
        findings.AddRange(checks.DataDirectory(out var agentRunning));
        findings.Add(await checks.ConsoleAdminAsync(agentRunning));
        findings.AddRange(checks.Ports(agentRunning));
        findings.AddRange(checks.DeviceNodes());
        findings.AddRange(checks.Certificates());
        findings.AddRange(await checks.CentralAsync());
        foreach (var finding in findings)
        {
            output.WriteLine(finding.ToString());
        }

        var failed = findings.Count(f => f.Level == DoctorLevel.Fail);
        var warned = findings.Count(f => f.Level == DoctorLevel.Warn);
        output.WriteLine(failed > 0 ? $"{failed} FAIL, {warned} warn: fix the FAIL lines before starting the agent." : $"No failures ({warned} warn).");
        return failed > 0 ? Failing : Healthy;
    }

    /// <summary>Exactly the options validation the agent runs at start, without starting any part.</summary>
    internal static IReadOnlyList<string> StartupValidationFailures(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        AgentHost.AddParts(services, configuration, new AgentHostOptions());
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (InvalidOperationException ex)
        {
            // A value the binder cannot convert (a port that is not a number) fails before validation runs.
            return [ex.Message];
        }
        catch (AggregateException ex)
        {
            return [.. ex.Flatten().InnerExceptions.SelectMany(e => e is OptionsValidationException o ? o.Failures : [e.Message])];
        }
    }
}
