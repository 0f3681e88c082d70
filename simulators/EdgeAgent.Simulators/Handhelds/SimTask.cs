using System.Text.Json;

namespace EdgeAgent.Simulators.Handhelds;

/// <summary>The <c>task</c> object of a prompt, as the handheld shows it.</summary>
public sealed record SimTask(string Id, string Location, string Sku, int Qty)
{
    public static SimTask? From(JsonElement prompt)
    {
        if (prompt.ValueKind != JsonValueKind.Object
            || !prompt.TryGetProperty("task", out var task)
            || task.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new SimTask(
            task.GetProperty("id").GetString() ?? "",
            task.GetProperty("location").GetString() ?? "",
            task.GetProperty("sku").GetString() ?? "",
            task.GetProperty("qty").GetInt32());
    }
}
