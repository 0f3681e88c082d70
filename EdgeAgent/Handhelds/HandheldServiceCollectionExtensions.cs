using EdgeAgent.Drivers.Presence;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

public static class HandheldServiceCollectionExtensions
{
    public const string PresenceSection = "Presence";

    /// <summary>The broker (embedded or external) and the handheld loop that answers the devices.</summary>
    public static IServiceCollection AddHandhelds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrokerOptions>()
            .Bind(configuration.GetSection(BrokerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HandheldOptions>()
            .Bind(configuration.GetSection(HandheldOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceSection))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new PresenceTracker(sp.GetRequiredService<IOptions<PresenceOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BrokerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerHost>());
        services.AddSingleton<HandheldLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<HandheldLoop>());
        return services;
    }
}
