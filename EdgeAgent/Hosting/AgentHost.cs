using System.Text.Json.Serialization;
using EdgeAgent.Bridge;
using EdgeAgent.Conveyor;
using EdgeAgent.Demo;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Handhelds;
using EdgeAgent.Kpis;
using EdgeAgent.Planning;
using EdgeAgent.Storage;
using EdgeAgent.Web;
using OpenTelemetry.Metrics;
using Serilog;

namespace EdgeAgent.Hosting;

/// <summary>The composition root: configuration sources, logging, and one <c>AddXxx</c> per part.</summary>
public static class AgentHost
{
    /// <summary>Environment variable naming the site configuration file.</summary>
    public const string ConfigFileVariable = "EDGEAGENT_CONFIG";
    public const string DefaultConfigFile = "/etc/edgeagent/edgeagent.json";
    public const string EnvironmentPrefix = "EDGEAGENT__";
    public const string DemoSwitch = "--demo";

    public static WebApplication Build(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var demo = args.Contains(DemoSwitch, StringComparer.Ordinal);
        var rest = args.Where(a => a != DemoSwitch).ToArray();
        var builder = WebApplication.CreateBuilder(rest);
        AddConfigurationSources(builder.Configuration, rest, demo);

        builder.Host.UseSystemd();
        builder.Host.UseSerilog((context, logging) =>
        {
            var agent = context.Configuration.GetSection(AgentOptions.Section);
            AgentLogging.Configure(logging, agent[nameof(AgentOptions.LogFile)], agent.GetValue(nameof(AgentOptions.ConsoleFormat), ConsoleFormat.Auto));
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AgentOptions>()
            .Bind(builder.Configuration.GetSection(AgentOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDurableStore(builder.Configuration.GetSection(StoreOptions.SectionName));
        services.AddDemoCentral(builder.Configuration);
        services.AddBridge(builder.Configuration);
        services.AddFulfilment(builder.Configuration);
        services.AddGovernance(builder.Configuration);
        services.AddExceptions(builder.Configuration);
        services.AddKpis();
        services.AddPlanning(builder.Configuration);
        services.AddHandhelds(builder.Configuration);
        services.AddConveyor(builder.Configuration);
        services.AddDemoFloor();
        services.AddSingleton<Readiness>();
        services.AddHostedService<ReadyAnnouncer>();
        services.AddSingleton<AgentMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(AgentMetrics.MeterName, KpiMetrics.MeterName).AddPrometheusExporter());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.Services.GetRequiredService<AgentMetrics>();
        app.Services.GetRequiredService<KpiMetrics>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapFloorEndpoints();
        app.MapGovernanceEndpoints();
        app.MapApprovalEndpoints();
        app.MapAuditEndpoints();
        app.MapCartonEndpoints();
        app.MapExceptionEndpoints();
        app.MapKpiEndpoints();
        app.MapPlanningEndpoints();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    internal static void AddConfigurationSources(ConfigurationManager configuration, string[] args, bool demo)
    {
        if (demo)
        {
            configuration.AddInMemoryCollection(DemoFloorExtensions.DemoDefaults());
        }

        // Site file and EDGEAGENT__ variables override appsettings.json; the command line overrides everything.
        var siteFile = configuration["config"] ?? Environment.GetEnvironmentVariable(ConfigFileVariable) ?? DefaultConfigFile;
        configuration.AddJsonFile(siteFile, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
    }
}
