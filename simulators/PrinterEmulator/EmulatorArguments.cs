using System.Globalization;
using EdgeAgent.Simulators.Printers;

namespace PrinterEmulator;

internal static class EmulatorArguments
{
    /// <summary>The emulator's options from the command line, or null when they do not parse.</summary>
    public static ZplPrinterEmulatorOptions? Parse(string[] args)
    {
        var options = new ZplPrinterEmulatorOptions { Port = 9100 };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                    options = options with { Port = port };
                    i++;
                    break;
                case "--name" when !string.IsNullOrWhiteSpace(value):
                    options = options with { Name = value };
                    i++;
                    break;
                case "--keep" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var keep) && keep > 0:
                    options = options with { KeepLast = keep };
                    i++;
                    break;
                case "--silent-when-faulted":
                    options = options with { SilentWhenFaulted = true };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
