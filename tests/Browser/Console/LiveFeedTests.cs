using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using EdgeAgent.Demo;

namespace EdgeAgent.Browser.Console;

/// <summary>The console's Server-Sent Events stream as a browser's EventSource sees it, read with the runtime's SSE parser.</summary>
[Collection(ConsoleGroup.Name)]
public sealed class LiveFeedTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task AFirstConnection_StartsWithASnapshot_ThenBatches()
    {
        using var client = await SignedInClientAsync();

        var items = await ReadAsync(client, lastEventId: null, count: 2);

        Assert.Equal("snapshot", items[0].EventType);
        Assert.Equal("batch", items[1].EventType);
        var snapshot = JsonDocument.Parse(items[0].Data).RootElement;
        Assert.True(snapshot.GetProperty("pickers").GetArrayLength() > 0);
        Assert.True(snapshot.GetProperty("tasks").GetArrayLength() > 0);
    }

    [Fact]
    public async Task AReconnectWithLastEventId_ReplaysTheMissedBatches_InsteadOfASnapshot()
    {
        using var client = await SignedInClientAsync();
        var first = await ReadAsync(client, lastEventId: null, count: 3);
        var seen = first[1].EventId!;
        var seenSeq = Seq(seen);

        var resumed = await ReadAsync(client, lastEventId: seen, count: 1);

        Assert.Equal("batch", resumed[0].EventType);
        Assert.Equal(seenSeq + 1, Seq(resumed[0].EventId!));
        Assert.Equal(seenSeq + 1, JsonDocument.Parse(resumed[0].Data).RootElement.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task AReconnectAfterNobodyWatched_GetsEveryEventRecordedMeanwhile()
    {
        // While no console is connected the feed reads nothing; the reconnecting one has it catch up first.
        using var client = await SignedInClientAsync();
        var first = await ReadAsync(client, lastEventId: null, count: 2);
        var seen = first[1].EventId!;
        var seenEvent = MaxEventId(first);

        // Nobody watches now; the demo floor keeps recording events. Wait until the store holds newer ones.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        long newest;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            using var snapshot = await client.GetAsync("/api/live/snapshot");
            snapshot.EnsureSuccessStatusCode();
            var recent = JsonDocument.Parse(await snapshot.Content.ReadAsStringAsync()).RootElement.GetProperty("recentEvents");
            newest = recent.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
        }
        while (newest <= seenEvent);

        var replayed = new List<long>();
        await foreach (var item in ReadUntilAsync(client, seen, items => items.Any(i => EventIds(i).Contains(newest))))
        {
            Assert.Equal("batch", item.EventType);
            replayed.AddRange(EventIds(item));
        }

        Assert.Contains(newest, replayed);
        Assert.Equal(replayed.Order(), replayed);
        Assert.True(replayed.Count == 0 || replayed[0] > seenEvent, "a replayed event the console had already");
    }

    [Fact]
    public async Task AnIdFromAnotherRun_GetsAFreshSnapshot()
    {
        using var client = await SignedInClientAsync();

        var items = await ReadAsync(client, lastEventId: "0badb007:5", count: 1);

        Assert.Equal("snapshot", items[0].EventType);
    }

    [Fact]
    public async Task WithoutASession_TheStreamIsRefused()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };

        using var response = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static long MaxEventId(IEnumerable<SseItem<string>> items)
    {
        var ids = new List<long>();
        foreach (var item in items)
        {
            var root = JsonDocument.Parse(item.Data).RootElement;
            var events = item.EventType == "snapshot" ? root.GetProperty("recentEvents") : root.GetProperty("events");
            ids.AddRange(events.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        }

        return ids.DefaultIfEmpty(0).Max();
    }

    private static List<long> EventIds(SseItem<string> item) =>
        [.. JsonDocument.Parse(item.Data).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];

    /// <summary>The stream after <paramref name="lastEventId"/>, up to the item where <paramref name="done"/> holds.</summary>
    private static async IAsyncEnumerable<SseItem<string>> ReadUntilAsync(HttpClient client, string lastEventId, Func<List<SseItem<string>>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            if (item.EventType == "ping")
            {
                continue;
            }

            items.Add(item);
            yield return item;
            if (done(items))
            {
                yield break;
            }
        }
    }

    private static long Seq(string eventId) => long.Parse(eventId.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(fixture.BaseUrl) };
        using var signIn = await client.PostAsJsonAsync("/api/session", new { name = ConsoleFixture.Viewer, password = DemoFloorExtensions.ViewerPassword });
        signIn.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<List<SseItem<string>>> ReadAsync(HttpClient client, string? lastEventId, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            if (item.EventType == "ping")
            {
                continue;
            }

            items.Add(item);
            if (items.Count == count)
            {
                break;
            }
        }

        return items;
    }
}
