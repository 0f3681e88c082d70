using EdgeAgent.Drivers.Presence;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

public static class HandheldServiceCollectionExtensions
{
    /// <summary>The handheld loop that answers the devices, on the broker <c>AddBroker</c> registered.</summary>
    public static IServiceCollection AddHandhelds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandheldOptions>()
            .Bind(configuration.GetSection(HandheldOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new HandheldRegistry(sp.GetRequiredService<IOptions<HandheldOptions>>().Value.Devices));
        services.AddSingleton<HandheldGatewayFactory>();
        services.AddSingleton<HandheldEnrolments>();
        services.AddHostedService<HandheldAdmission>();
        services.AddStoreDocuments("handhelds", [typeof(EnrolmentCode), typeof(EnrolledHandheld)]);
        services.AddSingleton<HandheldLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<HandheldLoop>());

        // Pushed prompts: the floor events that change a waiting picker's screen wake the pusher.
        services.AddSingleton(sp =>
        {
            // A handheld heard from again after it was offline or silent: its picker may be handed the work held back meanwhile.
            var signal = new PromptPushSignal();
            if (sp.GetService<PresenceTracker>() is { } presence)
            {
                presence.Returned += (_, device) =>
                {
                    if (device.Kind == "handheld")
                    {
                        signal.Wake();
                    }
                };
            }

            return signal;
        });
        services.AddSingleton<IFloorEventObserver>(sp => sp.GetRequiredService<PromptPushSignal>());
        services.AddHostedService<PromptPusher>();
        return services;
    }
}
