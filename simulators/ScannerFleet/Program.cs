using EdgeAgent.Simulators.Scanners;
using ScannerFleet;

// A fleet of fixed-mount conveyor scanners publishing GS1 carton reads over MQTT.
(ScannerFleetOptions Options, long Reads)? parsed;
try
{
    parsed = FleetArguments.Parse(args);
}
catch (FormatException)
{
    parsed = null;
}

if (parsed is not { } settings)
{
    Console.Error.WriteLine("""
        usage: ScannerFleet [--broker 127.0.0.1:1883] [--site site1] [--password PW] [--scanners 3] [--rate 5] [--faulty 0.1] [--reads N] [--seed 1]
          --rate    reads per second per scanner (0 = as fast as the broker takes them)
          --faulty  fraction 0–1 of reads that are bad check digit, truncated or garbage
          --reads   reads per scanner, then exit (default: until Ctrl+C)
        """);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var fleet = new EdgeAgent.Simulators.Scanners.ScannerFleet(settings.Options);
try
{
    await fleet.ConnectAsync(stop.Token);
    Console.WriteLine($"{settings.Options.Scanners} scanners on {settings.Options.Host}:{settings.Options.Port}, site {settings.Options.Site}");
    await fleet.RunAsync(settings.Reads, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
{
    Console.Error.WriteLine($"broker: {ex.Message}");
    return 1;
}

Console.WriteLine($"published {fleet.ValidReads} valid and {fleet.FaultyReads} faulty reads");
return 0;
