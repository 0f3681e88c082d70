using System.Text;
using EdgeAgent.Drivers.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeAgent.Drivers.Tests.Printers;

/// <summary>An MQTT "printer" that answers every <c>~HS</c> on its <c>/status</c> topic with the next kind of garbage, in turn.</summary>
internal sealed class GarbagePrinter : IAsyncDisposable
{
    public static readonly byte[][] Replies =
    [
        [],
        Encoding.ASCII.GetBytes("OK\r\n"),
        [0xFF, 0x00, 0x02, 0xFE, 0x03],
        Encoding.ASCII.GetBytes("\u0002030,0,0\u0003\r\n\u0002001\u0003\r\n\u00021234,0\u0003\r\n"),
        Encoding.ASCII.GetBytes("\u0002" + new string('9', 100_000) + "\u0003\r\n"),
    ];

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _statusTopic;
    private readonly Lock _gate = new();
    private int _queries;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GarbagePrinter(string site, string id)
    {
        _statusTopic = $"dc/{site}/printer/{id}/status";
        _client.ApplicationMessageReceivedAsync += OnJobAsync;
    }

    public static async Task<GarbagePrinter> ConnectAsync(int port, string id)
    {
        var printer = new GarbagePrinter(BrokerHarness.Site, id);
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithProtocolVersion(MqttProtocolVersion.V500).Build();
        await printer._client.ConnectAsync(options, Guard.Token());
        await printer._client.SubscribeAsync($"dc/{BrokerHarness.Site}/printer/{id}/job", MqttQualityOfServiceLevel.AtLeastOnce, Guard.Token());
        return printer;
    }

    /// <summary>Completes once <paramref name="count"/> status queries have been answered.</summary>
    public async Task WaitForQueriesAsync(int count)
    {
        using var guard = new CancellationTokenSource(Guard.Timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_queries >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }

    private async Task OnJobAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (args.ApplicationMessage.ConvertPayloadToString() != "~HS")
        {
            return;
        }

        int n;
        lock (_gate)
        {
            n = _queries;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_statusTopic)
            .WithPayload(Replies[n % Replies.Length])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, CancellationToken.None);

        TaskCompletionSource changed;
        lock (_gate)
        {
            _queries++;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
