using System.Globalization;
using EdgeAgent.Governance;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// What the agent proposes for the missing quantity of a short pick, through the gate, in the pick loop's write:
/// <c>item.substitute</c> (an alternative SKU the ERP released with the item data, as a new line) when there is
/// one, else <c>shipment.split</c> (the order ships what was picked; the rest is backordered to the ERP).
/// </summary>
internal static class ShortPickRemedy
{
    /// <summary>Confidence of the rule's substitute: the ERP allowed it, but the customer did not choose it.</summary>
    public const double SubstituteConfidence = 0.85;

    /// <summary>Confidence of the rule's split: the stock is not there, so the order ships short or waits.</summary>
    public const double SplitConfidence = 0.9;

    /// <summary>
    /// The checks both remedies make of their outcome: a <c>taskId</c> naming a short-picked task and a
    /// <c>quantity</c> of 1 up to what it is short. Null when they hold; else the refusal, in words.
    /// </summary>
    public static string? ResolveShortLine(FloorCollections floor, System.Text.Json.JsonElement outcome, string usage, out PickTask? task, out int quantity)
    {
        task = null;
        quantity = 0;
        if (outcome.ValueKind != System.Text.Json.JsonValueKind.Object
            || !outcome.TryGetProperty("taskId", out var id) || id.ValueKind != System.Text.Json.JsonValueKind.String
            || !outcome.TryGetProperty("quantity", out var qty) || !qty.TryGetInt32(out quantity))
        {
            return usage;
        }

        if (floor.Tasks.FindById(id.GetString()) is not { Status: PickTaskStatus.ShortPicked } shortTask)
        {
            return $"task {id.GetString()} is not a short-picked task";
        }

        task = shortTask;
        var missing = shortTask.Quantity - (shortTask.PickedQuantity ?? 0);
        return quantity < 1 || quantity > missing
            ? string.Create(CultureInfo.InvariantCulture, $"quantity must be 1-{missing} (what task {shortTask.Id} is short), got {quantity}")
            : null;
    }

    public static GateVerdict? Propose(PickContext ctx, PickTask task, int found)
    {
        if (ctx.Gate is not { } gate)
        {
            return null;
        }

        var missing = task.Quantity - found;
        var trigger = $"task.short {ctx.DeviceId}#{ctx.Seq} {task.Id}: {found} of {task.Quantity} {task.Sku} at {task.Location}";
        var scope = new ScopeFacts { Zone = task.Zone, Regulated = string.Equals(task.RequiredSkill, "hazmat", StringComparison.OrdinalIgnoreCase) };
        var inputs = GovernanceJson.Serialize(new
        {
            task = new { task.Id, task.OrderId, task.Sku, task.Location, ordered = task.Quantity, found, cutOff = task.DueAt },
            alternatives = task.Alternatives.Select(a => new { a.Sku, a.Location, a.Gtins }),
            picker = ctx.Session?.Id,
        });
        var split = new ProposedAction
        {
            ActionType = ActionTypes.ShipmentSplit,
            Scope = scope,
            Trigger = trigger,
            Inputs = inputs,
            Method = new DecisionMethod { Kind = "rule", Name = "short-pick-split", Version = "1" },
            Confidence = SplitConfidence,
            Outcome = GovernanceJson.Serialize(new { orderId = task.OrderId, taskId = task.Id, sku = task.Sku, quantity = missing }),
            Summary = string.Create(CultureInfo.InvariantCulture, $"Split order {task.OrderId}: ship {found} of {task.Quantity} {task.Sku} now, backorder {missing}"),
            AffectedOrders = [task.OrderId],
        };
        if (task.Alternatives.FirstOrDefault() is not { } alternative)
        {
            return gate.DecideAndExecute(ctx.Floor.Database, split);
        }

        return gate.DecideAndExecute(ctx.Floor.Database, new ProposedAction
        {
            ActionType = ActionTypes.ItemSubstitute,
            Scope = scope,
            Trigger = trigger,
            Inputs = inputs,
            Method = new DecisionMethod { Kind = "rule", Name = "erp-alternative", Version = "1" },
            Confidence = SubstituteConfidence,
            Outcome = GovernanceJson.Serialize(new { taskId = task.Id, sku = alternative.Sku, quantity = missing }),
            Summary = string.Create(CultureInfo.InvariantCulture, $"Substitute {missing} x {alternative.Sku} (allowed by the ERP) for the missing {task.Sku} of order {task.OrderId}"),
            Alternatives = [new AlternativeOutcome { Outcome = split.Outcome, Summary = split.Summary }],
            AffectedOrders = [task.OrderId],
        });
    }
}
