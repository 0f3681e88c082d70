namespace EdgeAgent.Drivers.Printers;

/// <summary>A printer of a group: its id (as in <c>dc/{site}/printer/{id}</c>), its link options and which transport carries them.</summary>
/// <param name="Connection">
/// Over TCP: where the printer listens and its timeouts. Over MQTT the host and port are not used;
/// <see cref="ZplConnectionOptions.ConnectTimeout"/> bounds the wait for the broker session,
/// <see cref="ZplConnectionOptions.WriteTimeout"/> the broker's acknowledgement of a job and
/// <see cref="ZplConnectionOptions.StatusTimeout"/> the wait for the <c>/status</c> answer, as over TCP.
/// </param>
public sealed record PrinterEndpoint(string Id, ZplConnectionOptions Connection)
{
    public PrinterTransport Transport { get; init; } = PrinterTransport.Tcp;

    /// <summary>A printer behind an MQTT adapter, reached through the group's broker session (<see cref="PrinterGroupOptions.Mqtt"/>).</summary>
    public static PrinterEndpoint OverMqtt(string id, TimeSpan? statusTimeout = null)
    {
        var timeouts = new ZplConnectionOptions { Host = string.Empty };
        return new(id, statusTimeout is { } timeout ? timeouts with { StatusTimeout = timeout } : timeouts) { Transport = PrinterTransport.Mqtt };
    }
}
