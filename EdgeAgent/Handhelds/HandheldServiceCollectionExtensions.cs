namespace EdgeAgent.Handhelds;

public static class HandheldServiceCollectionExtensions
{
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
        services.AddSingleton<BrokerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<BrokerHost>());
        services.AddSingleton<HandheldLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<HandheldLoop>());
        return services;
    }
}
