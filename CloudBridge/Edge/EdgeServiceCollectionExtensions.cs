using System.ComponentModel.DataAnnotations;
using CloudBridge.Downlink;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBridge;

/// <summary>Registers the edge side of the bridge in the agent's host.</summary>
public static class EdgeServiceCollectionExtensions
{
    /// <summary>
    /// Binds "CloudBridge:Uplink" and "CloudBridge:Outbox" (validated at start) and registers the outbox, the uplink
    /// sender and, when the host has registered an <see cref="ICommandHandler"/>, the downlink subscriber.
    /// The host must register its store as <see cref="IOutboxStore"/>.
    /// </summary>
    public static IServiceCollection AddCloudBridgeEdge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<UplinkOptions>().Bind(configuration.GetSection("CloudBridge:Uplink")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("CloudBridge:Outbox")).ValidateDataAnnotations()
            .Validate(LanesAreValid, "CloudBridge:Outbox:Lanes: every lane needs a valid name, a weight of 1-100, and names must be unique.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<UplinkOptions>>().Value);
        services.TryAddSingleton(sp => new Outbox.Outbox(sp.GetRequiredService<IOptions<OutboxOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Outbox.Outbox>>()));
        services.TryAddSingleton(sp => BridgeChannel.Create(sp.GetRequiredService<UplinkOptions>()));
        services.TryAddSingleton(sp => new Contract.V1.Uplink.UplinkClient(sp.GetRequiredService<GrpcChannel>()));
        services.TryAddSingleton(sp => new Contract.V1.Downlink.DownlinkClient(sp.GetRequiredService<GrpcChannel>()));
        services.TryAddSingleton(sp => new UplinkFailoverChannels(sp.GetRequiredService<UplinkOptions>()));
        services.TryAddSingleton(sp => new UplinkSender(
            [sp.GetRequiredService<Contract.V1.Uplink.UplinkClient>(), .. sp.GetRequiredService<UplinkFailoverChannels>().Channels.Select(c => new Contract.V1.Uplink.UplinkClient(c))],
            sp.GetRequiredService<IOutboxStore>(),
            sp.GetRequiredService<Outbox.Outbox>(),
            sp.GetRequiredService<UplinkOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UplinkSender>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UplinkSender>());
        // The downlink runs only when the host says how to apply commands.
        services.AddHostedService<Microsoft.Extensions.Hosting.BackgroundService>(sp => sp.GetService<ICommandHandler>() is null
            ? new IdleService()
            : new DownlinkSubscriber(
                [sp.GetRequiredService<Contract.V1.Downlink.DownlinkClient>(), .. sp.GetRequiredService<UplinkFailoverChannels>().Channels.Select(c => new Contract.V1.Downlink.DownlinkClient(c))],
                sp.GetRequiredService<IOutboxStore>(),
                sp.GetRequiredService<ICommandHandler>(),
                sp.GetRequiredService<UplinkOptions>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DownlinkSubscriber>>()));
        return services;
    }

    private static bool LanesAreValid(OutboxOptions options)
    {
        var lanes = options.EffectiveLanes();
        return lanes.Select(l => l.Name).Distinct(StringComparer.Ordinal).Count() == lanes.Count
            && lanes.All(l => Validator.TryValidateObject(l, new ValidationContext(l), null, validateAllProperties: true));
    }

    private sealed class IdleService : Microsoft.Extensions.Hosting.BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
