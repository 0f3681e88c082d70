using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;

namespace EdgeAgent.Planning;

/// <summary>Builds a rebalance's view of the floor from the work mirror and a few small, indexed store reads.</summary>
internal static class PlanningReader
{
    public static PlanningSnapshot Read(DurableStore store, WorkMirror work, int maxOpen, bool firstLook)
    {
        var finished = work.CatchUp(store);
        // On the first look every finished task in the store is history, not fresh evidence of drift.
        var completed = firstLook ? [] : finished.Where(t => t.CompletedAt is not null).ToList();
        var (pickers, holds, blocks, orders) = store.Read(db =>
        {
            var floor = new FloorCollections(db);
            return (floor.Pickers.FindAll().ToList(), floor.Holds.FindAll().Select(h => h.Id).ToHashSet(StringComparer.Ordinal),
                floor.Blocks.FindAll().ToList(), FinishedOrders(floor, completed));
        });
        var open = work.Unfinished
            .Where(t => t.Status == PickTaskStatus.Open && !holds.Contains(t.OrderId))
            .OrderBy(t => t.DueAt)
            .Take(maxOpen)
            // The rebalancer breaks ties by input order: releases in the order they came keep plans stable.
            .OrderBy(t => t.ReleasedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        return new PlanningSnapshot
        {
            Pickers = pickers,
            InHand = [.. work.Unfinished.Where(t => t.Status == PickTaskStatus.Assigned)],
            Open = open,
            Blocks = blocks,
            Completed = completed,
            Orders = orders,
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
