using EdgeAgent.Events;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Fulfilment;

public static class FulfilmentServiceCollectionExtensions
{
    /// <summary>The pick workflow, the plan board it takes work from, task releases and seeding, order holds, and the executors of the governed actions it owns.</summary>
    public static IServiceCollection AddFulfilment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PickerOptions>()
            .Bind(configuration.GetSection(PickerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TaskSeedOptions>().Bind(configuration.GetSection(TaskSeedOptions.Section));
        services.TryAddSingleton<PlanBoard>();
        services.AddSingleton(sp => new TaskAssigner(
            sp.GetRequiredService<IOptions<PickerOptions>>().Value, sp.GetRequiredService<PlanBoard>(), sp.GetService<GovernanceGate>()));
        // Observers register themselves as IFloorEventObserver (bridge, exceptions, KPIs) in AddXxx order.
        services.TryAddSingleton<FloorJournal>();
        services.AddSingleton<PickWorkflow>();
        services.AddSingleton<TaskReleases>();
        services.AddHostedService<TaskSeeder>();
        services.AddSingleton<OrderHolds>();
        services.AddStoreDocuments(
            "fulfilment",
            [typeof(PickTask), typeof(PickerSession), typeof(PendingAssignment), typeof(HandheldLedger), typeof(OrderHold), typeof(FloorBlock), typeof(FloorCounter), typeof(ItemAlternative), typeof(ShipmentSplit), .. FloorEventTypes.All],
            FloorCollections.EnsureIndexes);
        services.AddGovernedAction<TaskAssignAction>();
        services.AddGovernedAction<TaskReassignAction>();
        services.AddGovernedAction<OrderHoldAction>();
        services.AddGovernedAction<ItemSubstituteAction>();
        services.AddGovernedAction<ShipmentSplitAction>();
        return services;
    }
}
