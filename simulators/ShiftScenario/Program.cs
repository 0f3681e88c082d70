using EdgeAgent.Planning;
using EdgeAgent.ShiftScenario;
using EdgeAgent.ShiftScenario.Scenario;

// The whole-DC shift: plays each scenario against the real agent under each policy and writes the KPI report.
var stdout = Console.Out;
ShiftOptions options;
try
{
    options = ShiftOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n{ShiftOptions.Usage}");
    return 2;
}

try
{
    // The agent logs to the console; during a run its lines go to a file beside the report instead.
    var report = await ShiftReportCommand.RunAsync(options, stdout, CancellationToken.None);
    await stdout.WriteLineAsync($"Report written to {report}");
    return 0;
}
catch (ScenarioException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
