using CloudBridge.Downlink;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using CloudBridge;
using EdgeAgent.Configuration;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Bridge;

public static class BridgeServiceCollectionExtensions
{
    public const string UplinkAddressKey = "CloudBridge:Uplink:Address";

    /// <summary>
    /// The store-and-forward bridge to central, when <c>CloudBridge:Uplink:Address</c> is set. Without
    /// it the agent runs standalone and records floor events locally only: an outbox nobody drains
    /// would fill its quota and then push back on the floor.
    /// </summary>
    public static IServiceCollection AddBridge(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[UplinkAddressKey]))
        {
            services.AddSingleton<IBridgeStatus>(BridgeOff.Instance);
            return services;
        }

        services.AddSingleton<IBridgeStatus, UplinkBridgeStatus>();

        services.AddSingleton<IOutboxStore, OutboxStore>();
        // The appends of one store transaction share a page per lane; the store says when the transaction ends.
        services.AddSingleton(sp =>
        {
            var outbox = new Outbox(sp.GetRequiredService<IOptions<OutboxOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Outbox>>());
            var store = sp.GetRequiredService<DurableStore>();
            store.OnCommitting(outbox.WritePages);
            store.OnTransactionEnded(outbox.SealPages);
            OutboxNumbering.Record(store, outbox);
            return outbox;
        });
        services.AddHostedService<OutboxNumbering>();
        services.AddCloudBridgeEdge(configuration);
        services.AddOptions<UplinkOptions>().PostConfigure<IOptions<AgentOptions>>((uplink, agent) =>
        {
            // One gateway id for the whole agent unless the bridge is told otherwise.
            if (string.IsNullOrWhiteSpace(uplink.GatewayId))
            {
                uplink.GatewayId = agent.Value.GatewayId;
            }
        });
        services.AddSingleton<FloorUplink>();
        services.AddSingleton<IFloorEventObserver>(sp => sp.GetRequiredService<FloorUplink>());
        services.AddSingleton<ICommandHandler, ErpCommandHandler>();
        return services;
    }
}
