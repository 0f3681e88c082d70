using EdgeAgent.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Host_OpensTheStoreAtStart_AndClosesItWhenDisposed()
    {
        var host = BuildHost(new() { ["Store:DataDirectory"] = _dir.Path });
        await host.StartAsync();

        var store = host.Services.GetRequiredService<DurableStore>();
        Assert.True(store.IsOpen);
        Assert.Equal(Path.Combine(_dir.Path, "edgeagent.db"), store.DatabasePath);
        await host.StopAsync();
        host.Dispose();

        Assert.False(store.IsOpen);
        await using var next = StoreFixture.Open(_dir.Path);
    }

    [Fact]
    public async Task Host_FailsToStart_WhenAnotherAgentHoldsTheDirectory()
    {
        await using var other = StoreFixture.Open(_dir.Path);
        using var host = BuildHost(new() { ["Store:DataDirectory"] = _dir.Path });

        var error = await Assert.ThrowsAsync<DataDirectoryLockedException>(() => host.StartAsync());
        Assert.Contains(_dir.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_FailsToStart_OnInvalidOptions()
    {
        using var host = BuildHost(new() { ["Store:DataDirectory"] = _dir.Path, ["Store:MaxBatchSize"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MaxBatchSize", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDurableStore(builder.Configuration.GetSection(StoreOptions.SectionName));
        return builder.Build();
    }
}
