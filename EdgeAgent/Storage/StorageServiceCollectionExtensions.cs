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
    /// stops the host at start-up with its message; and the data disk's <see cref="FreeSpaceWatch"/>.
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
            sp.GetService<TimeProvider>(),
            sp.GetServices<StoreDocuments>().SelectMany(d => d.Types)));

        services.AddHostedService<DurableStoreOpener>();

        // The disk watch gates floor events (shed telemetry, refuse business) while the data disk is short of space.
        services.TryAddSingleton(sp => new FreeSpaceWatch(
            sp.GetRequiredService<IOptions<StoreOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<FreeSpaceWatch>>()));
        services.AddSingleton<EdgeAgent.Events.IFloorEventGate>(sp => sp.GetRequiredService<FreeSpaceWatch>());
        services.AddHostedService(sp => sp.GetRequiredService<FreeSpaceWatch>());
        return services;
    }

    /// <summary>A part's document types and indexes (see <see cref="StoreDocuments"/>); call from the part's own <c>AddXxx</c>.</summary>
    public static IServiceCollection AddStoreDocuments(this IServiceCollection services, string part, Type[] types, Action<LiteDB.LiteDatabase>? ensureIndexes = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new StoreDocuments(part, types, ensureIndexes));
        return services;
    }
}
