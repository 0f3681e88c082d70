using EdgeAgent.Hosting;

namespace EdgeAgent.Commands;

/// <summary>The configuration a command sees: the same sources as the agent's start-up, with the site file given or the default one.</summary>
internal static class SiteConfiguration
{
    /// <summary>The site file a command works on: <c>--config</c>, else <c>EDGEAGENT_CONFIG</c>, else /etc/edgeagent/edgeagent.json.</summary>
    public static string SiteFile(string? configFile) =>
        configFile ?? Environment.GetEnvironmentVariable(AgentHost.ConfigFileVariable) ?? AgentHost.DefaultConfigFile;

    public static IConfiguration Load(string? configFile)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true);
        var defaults = new Dictionary<string, string?> { ["config"] = SiteFile(configFile) };
        AgentHost.AddConfigurationSources(configuration, [], defaults);
        return configuration;
    }
}
