namespace EdgeAgent.Fulfilment;

/// <summary>A pick task as released to the agent (admin endpoint, seed file, later the ERP downlink).</summary>
public sealed record NewPickTask(string? Id, string? Location, string? Sku, int Qty, DateTimeOffset? DueAt);
