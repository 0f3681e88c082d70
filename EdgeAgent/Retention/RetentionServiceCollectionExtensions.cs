using CloudBridge.Outbox;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Retention of what central has acknowledged (<see cref="RetentionOptions"/>, section <c>Store:Retention</c>, validated
    /// at start-up); a pass a minute after start and then every <c>CheckMinutes</c>.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RetentionCounters>();
        services.AddSingleton(sp => new StoreRetention(
            sp.GetRequiredService<DurableStore>(),
            sp.GetRequiredService<IOptions<RetentionOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StoreRetention>>(),
            sp.GetRequiredService<RetentionCounters>(),
            sp.GetService<Outbox>()));
        services.AddHostedService<RetentionService>();
        return services;
    }
}
