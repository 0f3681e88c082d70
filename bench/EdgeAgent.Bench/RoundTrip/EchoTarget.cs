using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>The reference: the agent's own embedded broker with a bare echo client in place of the agent.</summary>
internal sealed class EchoTarget : IRoundTripTarget
{
    private readonly EmbeddedBroker _broker;
    private readonly EchoResponder _responder;

    private EchoTarget(EmbeddedBroker broker, EchoResponder responder)
    {
        _broker = broker;
        _responder = responder;
    }

    public string Name => "echo";

    public int BrokerPort => _broker.Port;

    public bool FollowsWorkflow => false;

    public long Failures => _responder.Failures;

    public static async Task<EchoTarget> StartAsync(string site, CancellationToken cancellationToken)
    {
        var broker = new EmbeddedBroker(
            Options.Create(new EmbeddedBrokerOptions { BindAddress = "127.0.0.1", Port = 0, Authentication = BrokerAuthentication.Off }),
            NullLogger<EmbeddedBroker>.Instance,
            TimeProvider.System);
        try
        {
            await broker.StartAsync(cancellationToken);
            var responder = await EchoResponder.ConnectAsync(broker.Port, site, cancellationToken);
            return new EchoTarget(broker, responder);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public Task ReleaseTasksAsync(int tasks, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _responder.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
