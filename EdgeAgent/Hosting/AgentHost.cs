using System.Text.Json.Serialization;
using EdgeAgent.Bridge;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Conveyor;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting.Systemd;
using EdgeAgent.Kpis;
using EdgeAgent.People;
using EdgeAgent.Planning;
using EdgeAgent.Retention;
using EdgeAgent.Storage;
using EdgeAgent.Web;
using EdgeAgent.Web.Live;
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

    /// <summary>The agent, optionally with what an embedding host adds (see <see cref="AgentHostOptions"/>).</summary>
    public static WebApplication Build(string[] args, AgentHostOptions? host = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        host ??= new AgentHostOptions();
        var builder = WebApplication.CreateBuilder(args);
        AddConfigurationSources(builder.Configuration, args, host.ConfigurationDefaults);

        builder.Host.UseSerilog((context, logging) =>
        {
            var agent = context.Configuration.GetSection(AgentOptions.Section);
            AgentLogging.Configure(logging, agent[nameof(AgentOptions.LogFile)], agent.GetValue(nameof(AgentOptions.ConsoleFormat), ConsoleFormat.Auto));
        });

        // The web port serves HTTPS only when a certificate is configured; a bad one stops start-up naming the key.
        if (HttpsCertificate.Load(builder.Configuration) is { } certificate)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseHttps(certificate)));
        }

        var services = builder.Services;
        AddParts(services, builder.Configuration, host);
        services.AddSingleton<Liveness>();
        services.AddSingleton<Readiness>();
        services.AddHostedService<ReadyAnnouncer>();
        services.AddSystemdNotify();
        services.AddSingleton<AgentMetrics>();
        services.AddBadRequestAnswers();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(AgentMetrics.MeterName, KpiMetrics.MeterName).AddPrometheusExporter());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.Services.GetRequiredService<AgentMetrics>();
        app.Services.GetRequiredService<KpiMetrics>();
        app.UseBadRequestAnswers();
        app.MapBrokerWebSockets();
        app.UseAuthentication();
        app.UseConsoleAntiforgery();
        app.UseAuthorization();
        app.MapSessionEndpoints();
        app.MapFloorEndpoints();
        app.MapLiveEndpoints();
        app.MapConsoleAssets();
        app.MapHandheldEndpoints();
        app.MapTaskEndpoints();
        app.MapGovernanceEndpoints();
        app.MapOrderHoldEndpoints();
        app.MapApprovalEndpoints();
        app.MapAuditEndpoints();
        app.MapCartonEndpoints();
        app.MapLabelEndpoints();
        app.MapExceptionEndpoints();
        app.MapKpiEndpoints();
        app.MapPlanningEndpoints();
        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The agent's parts and their options, each validated at start. Also what <c>EdgeAgent doctor</c> registers to run
    /// exactly the start-up validation without starting anything.
    /// </summary>
    internal static void AddParts(IServiceCollection services, IConfiguration configuration, AgentHostOptions host)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        host.BeforeParts?.Invoke(services, configuration);
        services.AddDurableStore(configuration.GetSection(StoreOptions.SectionName));
        services.AddKeyRingInDataDirectory(configuration);
        services.AddBridge(configuration);
        services.AddFulfilment(configuration);
        services.AddGovernance(configuration);
        services.AddPeople(configuration);
        services.AddExceptions(configuration);
        services.AddKpis(configuration);
        services.AddRetention(configuration);
        services.AddPlanning(configuration);
        services.AddBroker(configuration);
        services.AddHandhelds(configuration);
        services.AddConveyor(configuration);
        services.AddLiveFeed();
        host.AfterParts?.Invoke(services, configuration);
    }

    internal static void AddConfigurationSources(ConfigurationManager configuration, string[] args, IReadOnlyDictionary<string, string?> defaults)
    {
        if (defaults.Count > 0)
        {
            configuration.AddInMemoryCollection(defaults);
        }

        // Site file and EDGEAGENT__ variables override appsettings.json; the command line overrides everything.
        var siteFile = configuration["config"] ?? Environment.GetEnvironmentVariable(ConfigFileVariable) ?? DefaultConfigFile;
        configuration.AddJsonFile(siteFile, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
    }
}
