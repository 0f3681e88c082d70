namespace EdgeAgent.Fulfilment;

/// <summary>An allowed substitute SKU as the ERP releases it with a task (<c>{"sku":"SKU-9","gtins":["0…"]}</c>).</summary>
public sealed record NewItemAlternative(string? Sku, IReadOnlyList<string>? Gtins = null, string? Location = null);
