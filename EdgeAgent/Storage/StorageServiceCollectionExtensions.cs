using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Storage;

/// <summary>Registers the durable store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StoreOptions"/> from <paramref name="section"/> (validated at start) and registers
    /// <see cref="DurableStore"/> as a singleton opened when the host starts, so a locked or damaged store
    /// stops the host at start-up with its message.
    /// </summary>
    public static IServiceCollection AddDurableStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<StoreOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(sp => DurableStore.Open(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<ILogger<DurableStore>>(),
            sp.GetService<TimeProvider>()));

        services.AddHostedService<DurableStoreOpener>();
        return services;
    }
}
