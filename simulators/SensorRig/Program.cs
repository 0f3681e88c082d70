using System.Device.Gpio;
using System.Globalization;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Simulators.Sensors;
using SensorRig;

RigArguments arguments;
try
{
    arguments = RigArguments.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(RigArguments.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var steps = ConveyorScript.Build(arguments.Scenario);
using var chip = new SimulatedGpioDriver(64);
using var controller = new GpioController(chip);
var pins = steps.Select(s => s.Pin).Distinct().ToList();
foreach (var pin in pins)
{
    controller.OpenPin(pin, PinMode.Input);
}

var rig = new EdgeAgent.Simulators.Sensors.SensorRig(chip, steps, TimeProvider.System);
var startedAt = DateTimeOffset.UtcNow;

// Print what the agent would see: the chip's own edge callbacks, every one, bounce included.
foreach (var pin in pins)
{
    controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rig.Now.TotalMilliseconds,10:F1} ms  pin {e.PinNumber,3}  {(e.ChangeType == PinEventTypes.Rising ? "rising" : "falling")}")));
}

await using var publisher = arguments.Broker is { } broker ? await ConnectAsync(broker, arguments, cancel.Token) : null;
var publishing = new List<Task>();
if (publisher is not null)
{
    rig.StepApplied += step =>
    {
        if (!step.IsBounce)
        {
            publishing.Add(publisher.PublishAsync(step.Pin, step.High, startedAt + step.At, cancel.Token));
        }
    };
}

var s = arguments.Scenario;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {s.Cartons} cartons at {s.BeltSpeedMetersPerSecond} m/s: each eye blocked {s.BlockedTime.TotalMilliseconds:F1} ms, gap {s.GapTime.TotalMilliseconds:F1} ms; {steps.Count} steps over {rig.Duration.TotalSeconds:F2} s"));
try
{
    if (arguments.RealTime)
    {
        await rig.RunAsync(cancel.Token);
    }
    else
    {
        while (rig.ApplyNext())
        {
        }
    }

    await Task.WhenAll(publishing);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stopped");
    return 130;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {chip.EdgesRaised} edges raised{(publisher is null ? "" : $", {publisher.Published} published to MQTT")}"));
return 0;

static async Task<IoLinkMasterPublisher> ConnectAsync(string broker, RigArguments arguments, CancellationToken cancellationToken)
{
    var colon = broker.LastIndexOf(':');
    var host = colon > 0 ? broker[..colon] : broker;
    var port = colon > 0 ? int.Parse(broker[(colon + 1)..], CultureInfo.InvariantCulture) : 1883;
    var publisher = new IoLinkMasterPublisher(host, port, arguments.Site, arguments.MasterId);
    await publisher.ConnectAsync(cancellationToken);
    return publisher;
}
