using System.Runtime.InteropServices;
using EdgeAgent.Models.Onnx;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent models check [--dir DIR]</c>: loads the shipped models exactly as the agent does at start — file hash,
/// features, graph, and every check row of each manifest scored by ONNX Runtime on this machine and compared with the
/// trainer's own predictions — and says per model whether it is usable. Exit 0 when all are, 1 when any is rejected.
/// The model path on a new gateway (or an arm64 build under emulation) without starting the agent.
/// </summary>
public static class ModelsCommand
{
    public const int AllUsable = 0;
    public const int Rejected = 1;
    public const int Usage = 2;

    private static readonly HashSet<string> Names = ["--dir"];
    private static readonly HashSet<string> Flags = [];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["models", "check", .. var rest] || CommandArguments.Parse(rest, Names, Flags) is not { } parsed)
        {
            error.WriteLine($"Usage: EdgeAgent models check [--dir DIR]   (default: the models shipped with the agent, {ModelSet.DefaultDirectory})");
            return Usage;
        }

        var directory = Path.GetFullPath(parsed["--dir"] ?? ModelSet.DefaultDirectory);
        output.WriteLine($"EdgeAgent models check: {directory} on {RuntimeInformation.OSArchitecture} ({RuntimeInformation.ProcessArchitecture} process)");
        using var models = ModelSet.Load(directory);
        if (models.PickDuration is OnnxPickDurationModel pick)
        {
            output.WriteLine($"ok    {pick.Manifest.Name} {pick.Manifest.Version}: hash, features and graph match; {pick.Manifest.CheckSet.Count} check rows score as in training");
        }

        if (models.LateRisk is OnnxLateRiskModel late)
        {
            output.WriteLine($"ok    {late.Manifest.Name} {late.Manifest.Version}: hash, features and graph match; {late.Manifest.CheckSet.Count} check rows score as in training");
        }

        foreach (var rejection in models.Rejections)
        {
            output.WriteLine($"FAIL  {rejection.ModelName}: {rejection.Reason}: {rejection.Message} — the agent would use its rules for this decision");
        }

        return models.IsComplete ? AllUsable : Rejected;
    }
}
