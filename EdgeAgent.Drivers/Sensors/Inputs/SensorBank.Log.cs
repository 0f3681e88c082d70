using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Sensors;

public sealed partial class SensorBank
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Sensor bank started: {Inputs} inputs, {StackLights} stack lights, {Mode}")]
    private partial void LogStarted(int inputs, int stackLights, string mode);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Sensor {Sensor} on pin {Pin} is bouncing: {Edges} edges without settling, {Floods} floods so far ({Suppressed} similar warnings not logged)")]
    private partial void LogFlood(string sensor, int pin, long edges, long floods, long suppressed);
}
