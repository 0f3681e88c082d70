using EdgeAgent.Events;

namespace EdgeAgent.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>The console's live feed and the journal observer that pokes it.</summary>
    public static IServiceCollection AddLiveFeed(this IServiceCollection services)
    {
        services.AddSingleton<LiveFeedSignal>();
        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddSingleton<IFloorEventObserver, LiveFeedObserver>();
        return services;
    }
}
