using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeAgent.Bench;

/// <summary>What a result was measured on, so numbers from different machines are not compared blindly.</summary>
internal static class MachineInfo
{
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores (nproc), {CpuModel()}, {RuntimeInformation.OSDescription}, "
        + $".NET {Environment.Version} ({RuntimeInformation.ProcessArchitecture} process), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

    /// <summary>The 1-, 5- and 15-minute load average, for the line beside each figure on a shared machine.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
