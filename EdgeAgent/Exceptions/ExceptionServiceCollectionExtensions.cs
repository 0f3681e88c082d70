using CloudBridge.Uplink;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

public static class ExceptionServiceCollectionExtensions
{
    /// <summary>The exception triage (a floor-event observer), its queues and SLA sweeper, and and the bridge watcher when the bridge is configured (after AddFulfilment).</summary>
    public static IServiceCollection AddExceptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExceptionOptions>()
            .Bind(configuration.GetSection(ExceptionOptions.Section))
            .PostConfigure(o =>
            {
                // Lists bind by appending, so the defaults are filled in only when none are configured.
                if (o.Teams.Count == 0)
                {
                    o.Teams.AddRange(ExceptionDefaults.Teams);
                }

                if (o.ResolutionCodes.Count == 0)
                {
                    o.ResolutionCodes.AddRange(ExceptionDefaults.ResolutionCodes);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExceptionOptions>, ExceptionOptionsValidator>();
        services.AddSingleton<ExceptionTriage>();
        services.AddSingleton<IFloorEventObserver>(sp => sp.GetRequiredService<ExceptionTriage>());
        services.AddSingleton<ExceptionDesk>();
        services.AddGovernedAction<ExceptionEscalateAction>();
        services.AddStoreDocuments("exceptions", [typeof(ExceptionCase)], ExceptionBook.EnsureIndexes);
        services.AddSingleton<ExceptionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExceptionSweeper>());
        if (!string.IsNullOrWhiteSpace(configuration[BridgeServiceCollectionExtensions.UplinkAddressKey]))
        {
            // Same condition as AddBridge: the watcher exists exactly when the uplink does.
            services.AddSingleton(sp => new BridgeWatcher(
                sp.GetRequiredService<UplinkSender>().GetStatus,
                sp.GetRequiredService<DurableStore>(),
                sp.GetRequiredService<FloorJournal>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptions<ExceptionOptions>>(),
                sp.GetRequiredService<ILogger<BridgeWatcher>>()));
            services.AddHostedService(sp => sp.GetRequiredService<BridgeWatcher>());
        }

        return services;
    }
}
