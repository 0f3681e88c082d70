namespace EdgeAgent.Fulfilment;

/// <summary>
/// A pick task as released to the agent (admin endpoint, seed file, ERP downlink). Only id, location,
/// SKU and quantity are required; the rest has floor defaults (see <see cref="TaskIntake"/>).
/// </summary>
/// <param name="DueAt">The ship cut-off of the task's order (UTC); four hours from release when absent.</param>
/// <param name="Zone">The pick zone; the location's aisle letter when absent.</param>
/// <param name="OrderId">The customer order the line belongs to; the task id when absent.</param>
/// <param name="Priority">1 (most urgent) to 5; 3 when absent.</param>
/// <param name="Handling">small, standard, bulky or fragile; standard when absent.</param>
/// <param name="Skill">A skill the picker must hold (hazmat, cold, forklift …); none when absent.</param>
/// <param name="Gtins">The item's GTINs (8, 12, 13 or 14 digits with their check digit): a GS1 scan must carry one of them.</param>
/// <param name="Batch">The batch (lot) the picker must take; any when absent.</param>
/// <param name="MinExpiry">Stock expiring before this day is refused; any when absent.</param>
/// <param name="Alternatives">SKUs the ERP allows in place of this one on a short pick.</param>
public sealed record NewPickTask(
    string? Id,
    string? Location,
    string? Sku,
    int Qty,
    DateTimeOffset? DueAt,
    string? Zone = null,
    string? OrderId = null,
    int? Priority = null,
    string? Handling = null,
    string? Skill = null,
    IReadOnlyList<string>? Gtins = null,
    string? Batch = null,
    DateOnly? MinExpiry = null,
    IReadOnlyList<NewItemAlternative>? Alternatives = null);
