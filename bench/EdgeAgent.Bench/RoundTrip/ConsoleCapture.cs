using System.Text;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>
/// Sends what is written to the console (the agent logs one line per answered message) to a file
/// while the agent runs, so the log is still written as in production but does not flood the bench's output.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _original;
    private readonly StreamWriter _file;

    private readonly TextWriter _synchronizedFile;

    public ConsoleCapture(string path)
    {
        _original = Console.Out;
        _file = new StreamWriter(path, append: false, Encoding.UTF8) { AutoFlush = true };
        _synchronizedFile = TextWriter.Synchronized(_file);
        Console.SetOut(_synchronizedFile);
    }

    /// <summary>True: what the agent writes to the console is thrown away (no I/O); false: it goes to the file.</summary>
    public bool Discard
    {
        set => Console.SetOut(value ? TextWriter.Null : _synchronizedFile);
    }

    /// <summary>The console as it was, for the bench's own progress lines.</summary>
    public TextWriter Original => _original;

    public void Dispose()
    {
        Console.SetOut(_original);
        _file.Dispose();
    }
}
