using EdgeAgent.Configuration;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog;

namespace EdgeAgent.Hosting;

/// <summary>Serilog behind ILogger: readable lines on a terminal, compact JSON otherwise, a rolling file when configured.</summary>
public static class AgentLogging
{
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Serilog.ILogger CreateBootstrapLogger() =>
        Configure(new LoggerConfiguration(), logFile: null, ConsoleFormat.Auto).CreateBootstrapLogger();

    public static LoggerConfiguration Configure(LoggerConfiguration config, string? logFile, ConsoleFormat format)
    {
        ArgumentNullException.ThrowIfNull(config);
        config
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext();
        var json = format == ConsoleFormat.Json || (format == ConsoleFormat.Auto && Console.IsOutputRedirected);
        // The console (the journal under systemd) and the file are written on a background thread: a handheld's
        // answer must not wait for a terminal or a pipe (a synchronous line per message was most of the scan
        // tail's p99 in bench/). Full buffers block rather than drop, so no line is lost; the host flushes at stop.
        config = config.WriteTo.Async(
            sinks =>
            {
                if (json)
                {
                    sinks.Console(new CompactJsonFormatter());
                }
                else
                {
                    sinks.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }

                if (!string.IsNullOrWhiteSpace(logFile))
                {
                    sinks.File(new CompactJsonFormatter(), logFile, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
                }
            },
            bufferSize: 10_000,
            blockWhenFull: true);

        return config;
    }
}
