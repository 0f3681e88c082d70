using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeAgent.Storage;

/// <summary>
/// Opens the store while the host starts instead of at its first use, so a held lock or a damaged
/// file fails start-up. Closing is left to the container, after every other service has stopped.
/// </summary>
internal sealed class DurableStoreOpener(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<DurableStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
