using EdgeAgent.Drivers.Logging;
using Microsoft.Extensions.Logging;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// The connections a printer group drives, one per printer: raw TCP 9100, or a printer on the broker through one
/// shared MQTT session. Opened by whoever composes the group and handed to it, as an <c>I2cDevice</c> is handed
/// to a dotnet/iot binding; the group owns them from then on and closes them when it stops.
/// </summary>
public sealed class PrinterLinks
{
    private PrinterLinks(IReadOnlyDictionary<string, IPrinterLink> byPrinter, PrinterMqttSession? mqtt)
    {
        ByPrinter = byPrinter;
        Mqtt = mqtt;
    }

    internal IReadOnlyDictionary<string, IPrinterLink> ByPrinter { get; }

    /// <summary>The MQTT session the group's MQTT printers share; null when every printer is on TCP.</summary>
    internal PrinterMqttSession? Mqtt { get; }

    /// <summary>A link for each of the group's printers, on the transport its endpoint names. Nothing connects yet.</summary>
    public static PrinterLinks Open(PrinterGroupOptions options, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        PrinterMqttSession? mqtt = null;
        if (options.Printers.Any(p => p.Transport == PrinterTransport.Mqtt))
        {
            mqtt = new PrinterMqttSession(
                options.Mqtt ?? throw new ArgumentException("MQTT printers need PrinterGroupOptions.Mqtt (site and broker connection).", nameof(options)),
                logger,
                timeProvider,
                new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1)));
        }

        var links = options.Printers.DistinctBy(p => p.Id, StringComparer.Ordinal).ToDictionary(
            p => p.Id,
            p => p.Transport == PrinterTransport.Mqtt ? (IPrinterLink)mqtt!.AddPrinter(p.Id, p.Connection, timeProvider) : new ZplPrinterConnection(p.Connection, timeProvider),
            StringComparer.Ordinal);
        return new PrinterLinks(links, mqtt);
    }
}
