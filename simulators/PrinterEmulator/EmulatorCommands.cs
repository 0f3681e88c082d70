using EdgeAgent.Simulators.Printers;

namespace PrinterEmulator;

/// <summary>The stdin commands, one table: a floor operator's actions on the printer.</summary>
internal sealed class EmulatorCommands
{
    private readonly ZplPrinterEmulator _printer;
    private readonly TextWriter _out;
    private readonly Dictionary<string, (string Help, Action Run)> _table;

    public EmulatorCommands(ZplPrinterEmulator printer, TextWriter output)
    {
        _printer = printer;
        _out = output;
        _table = new(StringComparer.OrdinalIgnoreCase)
        {
            ["paper-out"] = ("media runs out", () => _printer.PaperOut = true),
            ["paper-in"] = ("media reloaded", () => _printer.PaperOut = false),
            ["head-open"] = ("print head opened", () => _printer.HeadOpen = true),
            ["head-close"] = ("print head closed", () => _printer.HeadOpen = false),
            ["ribbon-out"] = ("ribbon runs out", () => _printer.RibbonOut = true),
            ["ribbon-in"] = ("ribbon reloaded", () => _printer.RibbonOut = false),
            ["pause"] = ("pause button", () => _printer.Paused = true),
            ["silent"] = ("stop answering ~HS", () => _printer.Silent = true),
            ["talk"] = ("answer ~HS again", () => _printer.Silent = false),
            ["resume"] = ("clear every fault and silence; buffered labels print", _printer.Resume),
            ["drop"] = ("drop every connection (a reboot)", _printer.DropConnections),
            ["status"] = ("show state and counters", ShowStatus),
            ["last"] = ("show the last label's fields", ShowLast),
            ["help"] = ("this list", ShowHelp),
        };
    }

    /// <summary>Runs one command line; false when the operator asked to quit.</summary>
    public bool Run(string line)
    {
        if (line is "quit" or "exit")
        {
            return false;
        }

        if (line.Length == 0)
        {
            return true;
        }

        if (_table.TryGetValue(line, out var command))
        {
            command.Run();
            if (line is not ("status" or "last" or "help"))
            {
                ShowStatus();
            }
        }
        else
        {
            _out.WriteLine($"unknown command '{line}'; type 'help'");
        }

        return true;
    }

    private void ShowStatus() => _out.WriteLine(
        $"{_printer.Name}: paper-out={_printer.PaperOut} head-open={_printer.HeadOpen} ribbon-out={_printer.RibbonOut} " +
        $"paused={_printer.Paused} silent={_printer.Silent} printed={_printer.LabelsPrinted} buffered={_printer.FormatsInBuffer} " +
        $"status-queries={_printer.StatusQueries}");

    private void ShowLast()
    {
        var labels = _printer.Labels;
        _out.WriteLine(labels.Count == 0 ? "no label printed yet" : $"#{labels[^1].Sequence}: {string.Join(" | ", labels[^1].Fields)}");
    }

    private void ShowHelp()
    {
        foreach (var (name, (help, _)) in _table)
        {
            _out.WriteLine($"  {name,-11} {help}");
        }

        _out.WriteLine("  quit        stop the emulator");
    }
}
