using EdgeAgent.Events;
using EdgeAgent.Handhelds;
using EdgeAgent.Planning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Fulfilment;

public static class FulfilmentServiceCollectionExtensions
{
    /// <summary>The pick workflow, the handheld registry and the task seeding at start.</summary>
    public static IServiceCollection AddFulfilment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PickerOptions>()
            .Bind(configuration.GetSection(PickerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TaskSeedOptions>().Bind(configuration.GetSection(TaskSeedOptions.Section));
        services.AddSingleton(sp => new HandheldRegistry(sp.GetRequiredService<IOptions<HandheldOptions>>().Value.Devices));
        services.TryAddSingleton<PlanBoard>();
        services.AddSingleton(sp => new TaskAssigner(
            sp.GetRequiredService<IOptions<PickerOptions>>().Value, sp.GetRequiredService<PlanBoard>(), sp.GetService<Governance.GovernanceGate>()));
        // Observers register themselves as IFloorEventObserver (bridge, exceptions, KPIs) in AddXxx order.
        services.TryAddSingleton<FloorJournal>();
        services.AddSingleton<PickWorkflow>();
        services.AddSingleton<TaskReleases>();
        services.AddHostedService<TaskSeeder>();
        return services;
    }
}
