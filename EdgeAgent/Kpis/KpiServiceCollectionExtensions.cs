using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;

namespace EdgeAgent.Kpis;

public static class KpiServiceCollectionExtensions
{
    /// <summary>The KPI ledger (a floor-event observer, after the exception triage), its time buckets (section <c>Kpis</c>, validated at start) and its metrics.</summary>
    public static IServiceCollection AddKpis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KpiOptions>()
            .Bind(configuration.GetSection(KpiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<KpiObserver>();
        services.AddSingleton<IFloorEventObserver>(sp => sp.GetRequiredService<KpiObserver>());
        services.AddSingleton<KpiMetrics>();
        services.AddStoreDocuments("kpis", [typeof(KpiState), typeof(DurationStats), typeof(ActionOutcomes), typeof(KpiBucket)]);
        return services;
    }
}
