using System.Globalization;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Demo;

/// <summary>
/// A plausible wave of pick work over a small pick face (aisles A-D, bays 01-12, levels 1-4): orders
/// of one to four lines sharing a ship cut-off, mixed priorities and handling, cold items in aisle D.
/// </summary>
internal static class DemoTasks
{
    private static readonly string[] Handling = ["small", "standard", "standard", "standard", "bulky", "fragile"];

    public static List<NewPickTask> Wave(int wave, int count, DateTimeOffset now, Random random)
    {
        var tasks = new List<NewPickTask>(count);
        var order = 0;
        while (tasks.Count < count)
        {
            order++;
            var orderId = string.Create(CultureInfo.InvariantCulture, $"SO-{wave:00}{order:000}");
            var cutOff = now.AddMinutes(random.Next(2, 20));
            var priority = random.Next(10) == 0 ? 1 : random.Next(2, 6);
            for (var line = random.Next(1, 5); line > 0 && tasks.Count < count; line--)
            {
                var aisle = (char)('A' + random.Next(4));
                tasks.Add(new NewPickTask(
                    Id: string.Create(CultureInfo.InvariantCulture, $"W{wave:00}-{tasks.Count + 1:000}"),
                    Location: string.Create(CultureInfo.InvariantCulture, $"{aisle}-{random.Next(1, 13):00}-{random.Next(1, 5)}"),
                    Sku: string.Create(CultureInfo.InvariantCulture, $"SKU-{random.Next(1000, 1400)}"),
                    Qty: random.Next(1, 7),
                    DueAt: cutOff,
                    OrderId: orderId,
                    Priority: priority,
                    Handling: Handling[random.Next(Handling.Length)],
                    Skill: aisle == 'D' ? "cold" : null));
            }
        }

        return tasks;
    }
}
