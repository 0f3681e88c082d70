using CloudBridge.Audit;
using CloudBridge.JetStream;
using CloudBridge.Sinks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>Registers and maps the central ingress in an ASP.NET Core host.</summary>
public static class IngressServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="IngressOptions"/> from "Ingress" and <see cref="JetStreamOptions"/> from "Ingress:JetStream",
    /// validated at start; <c>Ingress:Sink</c> chooses the embedded file store or the JetStream cluster for the sink,
    /// the lane ledger, the command log and the audit heads together.
    /// </summary>
    public static IServiceCollection AddCloudBridgeIngress(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngressOptions>().Bind(configuration.GetSection("Ingress")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JetStreamOptions>().Bind(configuration.GetSection("Ingress:JetStream")).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayAuthenticator>();
        services.TryAddSingleton<BatchValidator>();
        services.TryAddSingleton<AuditChainMetrics>();
        services.TryAddSingleton<IngressMetrics>();
        services.TryAddSingleton<AuditChainChecker>();

        services.TryAddSingleton(sp => new JetStreamConnection(sp.GetRequiredService<IOptions<JetStreamOptions>>().Value, sp.GetRequiredService<ILogger<JetStreamConnection>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<JetStreamSink>();
        services.TryAddSingleton<JetStreamLaneLedger>();
        services.TryAddSingleton<JetStreamCommandLog>();
        services.TryAddSingleton<JetStreamAuditHeads>();
        services.TryAddSingleton(sp => new FileSink(DataDirectory(sp), sp.GetRequiredService<ILogger<FileSink>>()));
        services.TryAddSingleton(sp => new LaneLedger(sp.GetRequiredService<FileSink>()));
        services.TryAddSingleton<CommandLog>();
        services.TryAddSingleton(sp => new FileAuditHeads(DataDirectory(sp)));

        services.TryAddSingleton<ISink>(sp => OnJetStream(sp) ? sp.GetRequiredService<JetStreamSink>() : sp.GetRequiredService<FileSink>());
        services.TryAddSingleton<ILaneLedger>(sp => OnJetStream(sp) ? sp.GetRequiredService<JetStreamLaneLedger>() : sp.GetRequiredService<LaneLedger>());
        services.TryAddSingleton<ICommandLog>(sp => OnJetStream(sp) ? sp.GetRequiredService<JetStreamCommandLog>() : sp.GetRequiredService<CommandLog>());
        services.TryAddSingleton<IAuditHeadStore>(sp => OnJetStream(sp) ? sp.GetRequiredService<JetStreamAuditHeads>() : sp.GetRequiredService<FileAuditHeads>());
        services.AddSingleton<IHostedService>(sp => OnJetStream(sp) ? new JetStreamStartup(sp.GetRequiredService<JetStreamConnection>()) : new NothingToStart());

        services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
        });
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<IngressOptions>>((grpc, ingress) => grpc.MaxReceiveMessageSize = ingress.Value.MaxMessageBytes);
        return services;
    }

    public static IEndpointRouteBuilder MapCloudBridgeIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<IngressService>();
        endpoints.MapGrpcService<DownlinkService>();
        endpoints.MapGrpcService<AdminService>();
        return endpoints;
    }

    private static bool OnJetStream(IServiceProvider services) =>
        services.GetRequiredService<IOptions<IngressOptions>>().Value.Sink == "jetstream";

    private static string DataDirectory(IServiceProvider services) =>
        services.GetRequiredService<IOptions<IngressOptions>>().Value.DataDirectory;

    private sealed class NothingToStart : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
