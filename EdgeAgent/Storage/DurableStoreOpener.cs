namespace EdgeAgent.Storage;

/// <summary>
/// Opens the store while the host starts instead of at its first use, so a held lock or a damaged file fails
/// start-up, and creates every part's indexes in one write before the parts start. Closing is left to the
/// container, after every other service has stopped.
/// </summary>
internal sealed class DurableStoreOpener(DurableStore store, IEnumerable<StoreDocuments> documents) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store.WriteAsync(
            db =>
            {
                foreach (var part in documents)
                {
                    part.EnsureIndexes?.Invoke(db);
                }

                return 0;
            },
            cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
