using EdgeAgent.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace EdgeAgent.Hosting;

/// <summary>Keeps ASP.NET Core's data-protection key ring in the data directory instead of <c>~/.aspnet</c>.</summary>
public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// The default key ring lives under the home directory, which the hardened unit protects: keys
    /// there are lost or unwritable. The data directory is the one place the agent may write.
    /// </summary>
    public static IServiceCollection AddKeyRingInDataDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var store = new StoreOptions();
        configuration.GetSection(StoreOptions.SectionName).Bind(store);
        var keys = new DirectoryInfo(Path.Combine(Path.GetFullPath(store.DataDirectory), "keys"));
        services.AddDataProtection().SetApplicationName("EdgeAgent").PersistKeysToFileSystem(keys);
        return services;
    }
}
