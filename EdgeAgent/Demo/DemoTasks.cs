using System.Globalization;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Demo;

/// <summary>A plausible wave of pick tasks over a small pick face: aisles A-D, bays 01-12, levels 1-4.</summary>
internal static class DemoTasks
{
    public static List<NewPickTask> Wave(int wave, int count, DateTimeOffset now, Random random)
    {
        var tasks = new List<NewPickTask>(count);
        for (var i = 1; i <= count; i++)
        {
            var location = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + random.Next(4))}-{random.Next(1, 13):00}-{random.Next(1, 5)}");
            tasks.Add(new NewPickTask(
                Id: string.Create(CultureInfo.InvariantCulture, $"W{wave:00}-{i:000}"),
                Location: location,
                Sku: string.Create(CultureInfo.InvariantCulture, $"SKU-{random.Next(1000, 1400)}"),
                Qty: random.Next(1, 7),
                DueAt: now.AddSeconds(30 * i)));
        }

        return tasks;
    }
}
