using System.Globalization;
using EdgeAgent.Simulators.Printers;
using PrinterEmulator;

// A Zebra-style ZPL printer on 127.0.0.1: prints what it is sent, answers ~HS, and takes floor
// faults from stdin (type "help").
var options = EmulatorArguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: PrinterEmulator [--port 9100] [--name zebra-1] [--keep 100] [--silent-when-faulted]");
    return 2;
}

await using var printer = new ZplPrinterEmulator(options);
printer.Start();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{printer.Name} listening on 127.0.0.1:{printer.Port}; type 'help'"));

var commands = new EmulatorCommands(printer, Console.Out);
while (Console.ReadLine() is { } line)
{
    if (!commands.Run(line.Trim()))
    {
        break;
    }
}

return 0;
