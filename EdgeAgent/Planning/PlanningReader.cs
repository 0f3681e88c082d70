using EdgeAgent.Fulfilment;
using LiteDB;

namespace EdgeAgent.Planning;

/// <summary>Reads what a rebalance needs; indexed, bounded queries only, since readers take turns with the writer.</summary>
internal static class PlanningReader
{
    public static PlanningSnapshot Read(LiteDatabase db, int maxOpen, DateTime completedAfter)
    {
        var floor = new FloorCollections(db);
        var held = floor.Holds.Count() == 0 ? null : floor.Holds.FindAll().Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var open = floor.Tasks.Query()
            .Where(t => t.Status == PickTaskStatus.Open)
            .OrderBy(t => t.DueAt)
            .Limit(maxOpen)
            .ToList()
            .Where(t => held is null || !held.Contains(t.OrderId))
            // The rebalancer breaks ties by input order: releases in the order they came keep plans stable.
            .OrderBy(t => t.ReleasedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        var completed = floor.Tasks.Find(Query.GT(nameof(PickTask.CompletedAt), completedAfter)).ToList();
        return new PlanningSnapshot
        {
            Pickers = floor.Pickers.FindAll().ToList(),
            InHand = floor.Tasks.Find(t => t.Status == PickTaskStatus.Assigned).ToList(),
            Open = open,
            Blocks = floor.Blocks.FindAll().ToList(),
            Completed = completed,
            Orders = FinishedOrders(floor, completed),
        };
    }

    private static List<OrderOutcome> FinishedOrders(FloorCollections floor, List<PickTask> completed)
    {
        var outcomes = new List<OrderOutcome>();
        foreach (var orderId in completed.Where(t => t.LateRisk is not null).Select(t => t.OrderId).Distinct(StringComparer.Ordinal))
        {
            var lines = floor.Tasks.Find(t => t.OrderId == orderId).ToList();
            if (lines.Any(t => t.CompletedAt is null))
            {
                continue;
            }

            var risks = lines.Where(t => t.LateRisk is not null).Select(t => t.LateRisk!.Value).ToList();
            outcomes.Add(new OrderOutcome(orderId, risks.Average(), lines.Max(t => t.CompletedAt!.Value) > lines.Min(t => t.DueAt)));
        }

        return outcomes;
    }
}
