using System.Globalization;
using EdgeAgent.ShiftScenario.Scenario;
using ScottPlot;

namespace EdgeAgent.ShiftScenario.Report;

/// <summary>Backlog and on-time over the shift, one line per policy, the disruptions marked (ScottPlot, PNG).</summary>
internal static class ShiftCharts
{
    public sealed record Chart(string Title, string File);

    public static IReadOnlyList<Chart> Draw(ScenarioRun run, string prefix, string outDir)
    {
        var name = run.Scenario.Name;
        var backlog = Save(run, $"{prefix}-{name}-backlog.png", outDir, "Open lines over the shift", "open lines", s => s.Backlog);
        var onTime = Save(run, $"{prefix}-{name}-ontime.png", outDir, "Orders due so far that made their cut-off", "on time, %", s => s.OnTimeSoFar * 100);
        return [backlog, onTime];
    }

    private static Chart Save(ScenarioRun run, string file, string outDir, string title, string yLabel, Func<ShiftSample, double?> value)
    {
        var plot = new Plot();
        foreach (var result in run.Results)
        {
            var points = result.Samples.Where(s => value(s) is not null).ToList();
            var line = plot.Add.Scatter(points.Select(s => s.At.TotalHours).ToArray(), points.Select(s => value(s)!.Value).ToArray());
            line.LegendText = result.Policy;
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }

        foreach (var d in run.Scenario.Disruptions)
        {
            var marker = plot.Add.VerticalLine(d.AtHour);
            marker.LinePattern = LinePattern.Dashed;
            marker.Color = Colors.Gray;
            marker.LabelText = d.Kind + (d.Aisle is null ? "" : " " + d.Aisle);
            marker.LabelFontSize = 10;
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{run.Scenario.Title}: {title}"));
        plot.XLabel("hours into the shift");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(Path.Combine(outDir, file), 900, 420);
        return new Chart(title, file);
    }
}
