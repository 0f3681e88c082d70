using System.Text;

namespace EdgeAgent.Bench;

/// <summary>bench/RESULTS.md, one marked section per benchmark; a run replaces only its own section.</summary>
internal static class ResultsFile
{
    public static void WriteSection(string path, string name, string body)
    {
        var begin = $"<!-- bench:{name} -->";
        var end = $"<!-- /bench:{name} -->";
        var section = $"{begin}\n{body.TrimEnd()}\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\nWritten by `dotnet run -c Release --project bench/EdgeAgent.Bench -- <section> [--quick]`.\n";

        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? string.Concat(text.AsSpan(0, from), section, text.AsSpan(to + end.Length))
            : new StringBuilder(text.TrimEnd()).Append("\n\n").Append(section).Append('\n').ToString();

        File.WriteAllText(path, text);
    }
}
