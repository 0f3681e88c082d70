using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeAgent.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>The pick planner (models, rebalancer, drift monitor), what triggers it, and floor blocks.</summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlanningOptions>()
            .Bind(configuration.GetSection(PlanningOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ModelsOptions>()
            .Bind(configuration.GetSection(ModelsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<PlanBoard>();
        services.AddSingleton<ModelUpdateIntake>();
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<ModelUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelUpdater>());
        services.AddSingleton<IFloorEventObserver, PlanTriggerObserver>();
        services.AddSingleton<FloorBlocking>();
        services.AddStoreDocuments("planning", [typeof(ModelTrust), typeof(ModelUpdateRecord), typeof(ModelUpdateChunkRecord), typeof(ModelVersionRecord)]);
        services.AddSingleton<PickPlanner>();
        services.AddHostedService(sp => sp.GetRequiredService<PickPlanner>());
        services.AddOptions<ReassignOptions>().Bind(configuration.GetSection(ReassignOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReassignWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<ReassignWatch>());
        return services;
    }
}
