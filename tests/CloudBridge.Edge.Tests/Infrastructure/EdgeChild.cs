namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>
/// A minimal edge process: appends business events in transactions while the sender streams them, printing
/// "committed N" after each durable write and "last N" at start. The sender starts after half the writes, so a
/// backlog exists while appends and sends race. Runs until killed.
/// </summary>
public static class EdgeChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        string dataDir = args[0];
        string address = args[1];
        int writes = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        int perWrite = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        await using var edge = new TestEdge(dataDir, address);
        long last = edge.Store.Read(db => edge.Outbox.Backlog(db)).Single(b => b.Lane == "business").LastSequence;
        Console.WriteLine($"last {last}");
        for (int i = 0; i < writes; i++)
        {
            if (i == writes / 2)
            {
                await edge.StartAsync();
            }

            long seq = await edge.AppendAsync("business", perWrite);
            Console.WriteLine($"committed {seq}");
        }

        if (writes == 0)
        {
            await edge.StartAsync();
        }

        Console.WriteLine("appended");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
