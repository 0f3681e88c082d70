using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Simulators.Handhelds;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Drivers.Tests.Infrastructure;

/// <summary>Builds real gateways and simulated handhelds against a broker on a loopback port.</summary>
internal static class BrokerHarness
{
    public const string Site = "site1";

    public static EmbeddedBroker NewEmbeddedBroker(int port = 0) =>
        new(Options.Create(new EmbeddedBrokerOptions { Port = port, Authentication = BrokerAuthentication.Off }), NullLogger<EmbeddedBroker>.Instance, TimeProvider.System);

    public static async Task<HandheldGateway> StartGatewayAsync(
        int port, Func<HandheldMessage, CancellationToken, Task<HandheldPrompt>> onMessage, int maxInFlight = 1024)
    {
        var options = new HandheldGatewayOptions
        {
            Site = Site,
            MaxInFlight = maxInFlight,
            Connection = new MqttConnectionOptions { Port = port, ClientId = "gw-" + Guid.NewGuid().ToString("N")[..8] },
        };
        var gateway = new HandheldGateway(Options.Create(options), NullLogger<HandheldGateway>.Instance, TimeProvider.System);
        await gateway.StartAsync(onMessage, Guard.Token());
        await gateway.WaitUntilConnectedAsync(Guard.Token());
        return gateway;
    }

    public static async Task<HandheldClient> ConnectHandheldAsync(int port, string? deviceId = null, TimeSpan? resendInterval = null, TimeProvider? time = null)
    {
        var client = new HandheldClient(
            new HandheldClientOptions
            {
                Port = port,
                Site = Site,
                DeviceId = deviceId ?? "HH-" + Guid.NewGuid().ToString("N")[..8],
                ResendInterval = resendInterval ?? TimeSpan.FromSeconds(2),
            },
            time);
        await client.ConnectAsync(Guard.Token());
        return client;
    }

    public static Task<HandheldPrompt> Echo(HandheldMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new HandheldPrompt
        {
            Ack = message.Seq,
            Kind = PromptKind.GoToLocation,
            Text = $"{message.Type} {message.Picker}{message.Code}{message.Qty}",
            Task = new PromptTask("T-7", "A-01-03", "SKU-1042", 4),
        });
}
