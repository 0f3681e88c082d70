using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Rebalancing;
using EdgeAgent.Models.Scoring;
using Google.OrTools.Graph;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// The horizon-1 reference: the full cost matrix (every available picker × every task it may take, cost =
/// predicted seconds − exposure, from the same models and feature code) solved exactly by OR-Tools' min-cost
/// flow, as a maximum assignment of minimum cost (every picker that can work gets a task, as the rebalancer does).
/// </summary>
internal static class OptimalAssignment
{
    private const double Scale = 1000; // OR-Tools takes integer costs: millisecond resolution

    public sealed record Result(double Objective, double TotalExposure, double PlannedSeconds, int Assigned, int Pairs, TimeSpan SolveTime, Dictionary<(string Picker, string Task), double> Costs);

    public static Result Solve(RebalanceRequest request, WarehouseLayout layout, RebalancerOptions options, IPickDurationModel pick, ILateRiskModel risk)
    {
        var features = RebalanceObjective.OrderFeatures(request, options, layout);
        var orders = features.Keys.ToArray();
        var probabilities = new float[orders.Length];
        risk.Predict(orders.Select(o => features[o]).ToArray(), probabilities);
        var riskOf = orders.Select((o, i) => (o, probabilities[i])).ToDictionary(x => x.o, x => x.Item2, StringComparer.Ordinal);
        var tasks = request.Tasks.Select(t => (Task: t, Bin: layout.Locate(t.Location))).Where(t => t.Bin is not null).ToArray();
        var exposure = tasks.Select(t => RebalanceObjective.Exposure(t.Task.Priority, riskOf[t.Task.OrderId], options)).ToArray();
        var pickers = request.Pickers.Where(p => Eligibility.IsAvailable(p, request.Disruptions)).ToArray();
        var congestion = RebalanceObjective.PickersPerAisle(request, layout);

        var pairs = new List<(int Picker, int Task)>();
        var rows = new List<PickFeatures>();
        for (var p = 0; p < pickers.Length; p++)
        {
            var from = RebalanceObjective.StartOf(pickers[p], layout);
            for (var t = 0; t < tasks.Length; t++)
            {
                var bin = tasks[t].Bin!.Value;
                if (Eligibility.Allows(pickers[p], tasks[t].Task, bin, request.Disruptions))
                {
                    pairs.Add((p, t));
                    rows.Add(RebalanceObjective.PickRow(layout, from, bin, tasks[t].Task, pickers[p].Pace, congestion[bin.Aisle]));
                }
            }
        }

        var seconds = new float[rows.Count];
        pick.Predict(rows.ToArray(), seconds);
        var costs = new Dictionary<(string, string), double>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            costs[(pickers[pairs[i].Picker].Id, tasks[pairs[i].Task].Task.Id)] = seconds[i] - exposure[pairs[i].Task];
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (assigned, cost, planned) = MinCostAssignment(pickers.Length, tasks.Length, pairs, seconds, exposure);
        return new Result(cost + exposure.Sum(), exposure.Sum(), planned, assigned, pairs.Count, clock.Elapsed, costs);
    }

    private static (int Assigned, double Cost, double Seconds) MinCostAssignment(
        int pickers, int tasks, List<(int Picker, int Task)> pairs, float[] seconds, double[] exposure)
    {
        // Nodes: source, pickers, tasks, sink. Costs shifted by the largest exposure so none is negative;
        // every unit of flow crosses exactly one picker→task arc, so the shift moves no optimum.
        var shift = exposure.Length == 0 ? 0 : exposure.Max();
        var flow = new MinCostFlow();
        int source = 0, sink = 1 + pickers + tasks;
        for (var p = 0; p < pickers; p++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, 1 + p, 1, 0);
        }

        var first = flow.NumArcs();
        for (var i = 0; i < pairs.Count; i++)
        {
            var cost = (long)Math.Round((seconds[i] - exposure[pairs[i].Task] + shift) * Scale);
            flow.AddArcWithCapacityAndUnitCost(1 + pairs[i].Picker, 1 + pickers + pairs[i].Task, 1, cost);
        }

        for (var t = 0; t < tasks; t++)
        {
            flow.AddArcWithCapacityAndUnitCost(1 + pickers + t, sink, 1, 0);
        }

        flow.SetNodeSupply(source, pickers);
        flow.SetNodeSupply(sink, -pickers);
        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"OR-Tools min-cost flow: {status}");
        }

        double total = 0, planned = 0;
        var assigned = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (flow.Flow(first + i) > 0)
            {
                total += seconds[i] - exposure[pairs[i].Task];
                planned += seconds[i];
                assigned++;
            }
        }

        return (assigned, total, planned);
    }
}
