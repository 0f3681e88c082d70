using System.Globalization;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Simulators.Sensors;
using MQTTnet.Exceptions;

namespace ChaosRunner;

/// <summary>
/// The conveyor's share of the load: one fixed scanner reading a carton and one IO-Link master pulsing a photo-eye
/// (a carton passing) every <c>period</c>, as the real devices do: fire and forget at QoS 1, numbering every message,
/// never resending. What the broker acknowledged is what the devices count as sent; across an agent kill (the
/// broker dies with it) they reconnect and go on numbering.
/// </summary>
internal sealed class ConveyorLoad(int brokerPort)
{
    public const string ScannerId = "chaos-sc-1";
    public const string MasterId = "chaos-io-1";
    public const string EyeName = "chaos-eye";
    public const string PrinterId = "chaos-printer";
    private const int EyePort = 1;

    private readonly Lock _gate = new();

    /// <summary>Scanner reads the broker acknowledged, by seq.</summary>
    public List<long> AckedReads { get; } = [];

    /// <summary>Photo-eye pulses whose two messages the broker both acknowledged: the seqs of the rising and the falling message.</summary>
    public List<(long Rise, long Fall)> AckedPulses { get; } = [];

    /// <summary>The agent's settings for this load: the line on the simulated chip, the IO-Link eye, the two devices' credentials.</summary>
    public static void Configure(Dictionary<string, string> settings)
    {
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        // A printer behind an MQTT adapter that is never online: unknown cartons print nothing anyway.
        settings["Conveyor:Printers:0:Id"] = PrinterId;
        settings["Conveyor:Printers:0:Transport"] = "Mqtt";
        settings["Conveyor:IoLink:Ports:0:MasterId"] = MasterId;
        settings["Conveyor:IoLink:Ports:0:Port"] = EyePort.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:IoLink:Ports:0:Name"] = EyeName;
        settings[$"Broker:Clients:{ScannerId}:Kind"] = "scanner";
        settings[$"Broker:Clients:{ScannerId}:PasswordHash"] = PasswordHash.Create(Password(ScannerId), PasswordHash.MinimumIterations);
        settings[$"Broker:Clients:{MasterId}:Kind"] = "iolink";
        settings[$"Broker:Clients:{MasterId}:PasswordHash"] = PasswordHash.Create(Password(MasterId), PasswordHash.MinimumIterations);
    }

    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        await using var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = brokerPort, DeviceId = ScannerId, Password = Password(ScannerId) });
        await using var master = new IoLinkMasterPublisher("127.0.0.1", brokerPort, "site1", MasterId, Password(MasterId));
        bool scannerUp = false, masterUp = false;
        for (long carton = 1; !ct.IsCancellationRequested; carton++)
        {
            try
            {
                scannerUp = scannerUp || await TryAsync(() => scanner.ConnectAsync(ct));
                masterUp = masterUp || await TryAsync(() => master.ConnectAsync(ct));
                if (scannerUp)
                {
                    var seq = scanner.LastSeq + 1;
                    scannerUp = await TryAsync(() => scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", carton)), ct));
                    Record(scannerUp, AckedReads, seq);
                }

                if (masterUp)
                {
                    var rise = master.Published + 1;
                    masterUp = await TryAsync(() => master.PublishAsync(EyePort, true, DateTimeOffset.UtcNow, ct));
                    await Task.Delay(period / 2, ct);
                    masterUp = masterUp && await TryAsync(() => master.PublishAsync(EyePort, false, DateTimeOffset.UtcNow, ct));
                    Record(masterUp, AckedPulses, (rise, rise + 1));
                }

                await Task.Delay(period / 2, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private static string Password(string deviceId) => $"chaos-pw-{deviceId}";

    // A publish that failed (the agent, and with it the broker, is down) was not acknowledged: the device moves on.
    private static async Task<bool> TryAsync(Func<Task> publish)
    {
        try
        {
            await publish();
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The run's journal lines of what the devices were acknowledged, written once the load has stopped.</summary>
    public void WriteJournal(TextWriter journal)
    {
        foreach (var seq in AckedReads)
        {
            journal.WriteLine($"carton-read-ack {ScannerId} {seq}");
        }

        foreach (var (rise, fall) in AckedPulses)
        {
            journal.WriteLine($"edge-pulse-ack {MasterId} {rise} {fall}");
        }
    }

    private void Record<T>(bool acked, List<T> list, T item)
    {
        if (acked)
        {
            lock (_gate)
            {
                list.Add(item);
            }
        }
    }
}
