using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>The horizon-1 objective J minimised by trying every assignment (tiny floors only, every pair eligible).</summary>
internal static class BruteForce
{
    public static double MinimumObjective(RebalanceRequest request, RebalancerOptions options)
    {
        var features = RebalanceObjective.OrderFeatures(request, options, TestFloor.Layout);
        var orders = features.Keys.ToArray();
        var risks = new float[orders.Length];
        new StandInRiskModel().Predict(orders.Select(o => features[o]).ToArray(), risks);
        var riskOf = orders.Select((o, i) => (o, risks[i])).ToDictionary(x => x.o, x => x.Item2);
        var tasks = request.Tasks.ToArray();
        var exposure = tasks.Select(t => RebalanceObjective.Exposure(t.Priority, riskOf[t.OrderId], options)).ToArray();
        var congestion = RebalanceObjective.PickersPerAisle(request, TestFloor.Layout);
        var cost = request.Pickers.Select(p =>
        {
            var from = RebalanceObjective.StartOf(p, TestFloor.Layout);
            return tasks.Select((t, j) =>
            {
                var bin = TestFloor.Layout.Locate(t.Location)!.Value;
                return StandInPickModel.Seconds(RebalanceObjective.PickRow(TestFloor.Layout, from, bin, t, p.Pace, congestion[bin.Aisle])) - exposure[j];
            }).ToArray();
        }).ToArray();

        return Search(cost, 0, new bool[tasks.Length]) + exposure.Sum();
    }

    private static double Search(double[][] cost, int picker, bool[] taken)
    {
        if (picker == cost.Length)
        {
            return 0;
        }

        var best = double.PositiveInfinity;
        for (var t = 0; t < taken.Length; t++)
        {
            if (!taken[t])
            {
                taken[t] = true;
                best = Math.Min(best, cost[picker][t] + Search(cost, picker + 1, taken));
                taken[t] = false;
            }
        }

        return best;
    }
}
