using CloudBridge.Sinks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>Registers and maps the central ingress in an ASP.NET Core host.</summary>
public static class IngressServiceCollectionExtensions
{
    /// <summary>Binds <see cref="IngressOptions"/> from "Ingress" (and "Ingress:JetStream"), validated at start.</summary>
    public static IServiceCollection AddCloudBridgeIngress(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngressOptions>().Bind(configuration.GetSection("Ingress")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JetStreamSinkOptions>().Bind(configuration.GetSection("Ingress:JetStream")).ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayAuthenticator>();
        services.TryAddSingleton<BatchValidator>();
        services.TryAddSingleton<LaneLedger>();
        services.TryAddSingleton<CommandLog>();
        services.TryAddSingleton<ISink>(CreateSink);
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

    private static ISink CreateSink(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<IngressOptions>>().Value;
        var logging = services.GetRequiredService<ILoggerFactory>();
        return options.Sink == "jetstream"
            ? new JetStreamSink(services.GetRequiredService<IOptions<JetStreamSinkOptions>>().Value, logging.CreateLogger<JetStreamSink>())
            : new FileSink(options.DataDirectory, logging.CreateLogger<FileSink>());
    }
}
