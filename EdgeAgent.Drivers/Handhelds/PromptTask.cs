namespace EdgeAgent.Drivers.Handhelds;

/// <summary>The pick task a prompt is about, as the handheld shows it.</summary>
public sealed record PromptTask(string Id, string Location, string Sku, int Qty);
