namespace EdgeAgent.Configuration;

public enum ConsoleFormat
{
    /// <summary>Readable lines on a terminal, compact JSON when the output is redirected (journald, a pipe).</summary>
    Auto = 0,
    Text = 1,
    Json = 2,
}
