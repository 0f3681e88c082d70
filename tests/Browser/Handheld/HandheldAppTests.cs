using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeAgent.Browser.Tests.Handheld;

/// <summary>
/// The handheld web app in Chromium at a phone's size, against the real agent: scans arrive as keystrokes into the focused
/// field ending with Enter, as a scanner's keyboard wedge types them.
/// </summary>
public sealed class HandheldAppTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private HandheldAgent _agent = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _agent = await HandheldAgent.StartAsync();
        _page = await chromium.NewHandheldAsync();
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Picker_LogsInWithABadgeScan_AndPicksATask_AfterAWrongLocationIsRefused()
    {
        await _agent.ReleaseAsync(Task("T-1", "A-01-1", "SKU-1", 2, handling: "fragile"));
        await EnrolAsync();
        await Shot("01-badge");

        await ScanAsync("P-01");
        await ExpectPromptAsync("go-to-location", "A-01-1");
        await Expect(_page.Locator("#task-location")).ToHaveTextAsync("A-01-1");
        await Expect(_page.Locator("#task-order")).ToHaveTextAsync("ORD-T-1");
        await Expect(_page.Locator("#task-handling")).ToHaveTextAsync("fragile");
        await Shot("02-go-to-location");

        await ScanAsync("Z-99-9");
        await ExpectPromptAsync("error", "A-01-1");
        await Expect(_page.Locator("#prompt")).ToHaveAttributeAsync("data-error", "wrong-location");
        await Expect(_page.Locator("#prompt-hint")).ToHaveTextAsync("Check the location label and scan it again.");
        await Shot("03-wrong-location");

        await ScanAsync("A-01-1");
        await ExpectPromptAsync("scan-item", "SKU-1");
        await ScanAsync("SKU-1");
        await ExpectPromptAsync("enter-quantity", "SKU-1");
        await Expect(_page.Locator("#keypad")).ToBeVisibleAsync();
        await Shot("04-enter-quantity");
        await _page.Locator("#keypad [data-key='2']").TapAsync();
        await _page.Locator("#keypad [data-key='ok']").TapAsync();
        await ExpectPromptAsync("no-work", "");
        await Shot("05-picked");

        Assert.Equal(PickTaskStatus.Picked, _agent.Read(f => f.Tasks.FindById("T-1")).Status);
        Assert.Equal(1, _agent.Read(f => f.Events.Count<TaskPicked>()));
    }

    [Fact]
    public async Task ShortPick_IsReportedWithTheQuantityFound()
    {
        await _agent.ReleaseAsync(Task("T-2", "B-02-1", "SKU-2", 5));
        await EnrolAsync();
        await ScanAsync("P-02");
        await ScanAsync("B-02-1");
        await ExpectPromptAsync("scan-item", "SKU-2");
        await ScanAsync("SKU-2");
        await ExpectPromptAsync("enter-quantity", "SKU-2");

        await _page.Locator("#short").TapAsync();
        await Expect(_page.Locator("#entry-label")).ToHaveTextAsync("Quantity found (short pick)");
        await _page.Locator("#keypad [data-key='3']").TapAsync();
        await Shot("06-short-pick");
        await _page.Locator("#keypad [data-key='ok']").TapAsync();
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "no");
        await Expect(_page.Locator("#prompt")).Not.ToHaveAttributeAsync("data-kind", "enter-quantity");
        await Shot("07-after-short-pick");

        Assert.Equal(PickTaskStatus.ShortPicked, _agent.Read(f => f.Tasks.FindById("T-2")).Status);
        Assert.Equal(1, _agent.Read(f => f.Events.Count<TaskShortPicked>()));
    }

    [Fact]
    public async Task PageReload_AndAgentRestart_InTheMiddleOfAPick_PickTheTaskExactlyOnce()
    {
        await _agent.ReleaseAsync(Task("T-3", "C-03-1", "SKU-3", 4));
        await EnrolAsync();
        await ScanAsync("P-03");
        await ScanAsync("C-03-1");
        await ExpectPromptAsync("scan-item", "SKU-3");

        await _page.ReloadAsync();
        await ExpectPromptAsync("scan-item", "SKU-3");
        await Expect(_page.Locator("#link")).ToHaveAttributeAsync("data-state", "online");
        await ScanAsync("SKU-3");
        await ExpectPromptAsync("enter-quantity", "SKU-3");

        // The agent goes down; the quantity is typed anyway and waits in the browser's storage, resent until answered.
        await _agent.StopAsync();
        await Expect(_page.Locator("#link")).Not.ToHaveAttributeAsync("data-state", "online");
        await TypeAsync("4");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "yes");
        await Shot("08-waiting-for-agent");
        await _agent.StartAgainAsync();
        await ExpectPromptAsync("no-work", "");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "no");

        // And once more from the top: a reload resends the last event with its seq; the agent answers from its ledger.
        await _page.ReloadAsync();
        await Expect(_page.Locator("#link")).ToHaveAttributeAsync("data-state", "online");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "no");
        await ExpectPromptAsync("no-work", "");
        await Shot("09-after-restart");

        var lastSeq = await _page.EvaluateAsync<long>("JSON.parse(localStorage.getItem('edgeagent.handheld')).nextSeq - 1");
        var deviceId = await _page.EvaluateAsync<string>("JSON.parse(localStorage.getItem('edgeagent.handheld')).deviceId");
        Assert.Equal(PickTaskStatus.Picked, _agent.Read(f => f.Tasks.FindById("T-3")).Status);
        Assert.Equal(1, _agent.Read(f => f.Events.Count<TaskPicked>()));
        Assert.Equal(4, _agent.Read(f => f.Events.OfType<TaskPicked>().Single().Quantity));
        Assert.Equal(4, lastSeq); // login, location, item, quantity: each sent once as far as the ledger knows
        Assert.Equal(lastSeq, _agent.Read(f => f.Ledgers.FindById(deviceId).LastSeq));
    }

    [Fact]
    public async Task AScan_WhileTheScreenIsStillBeingFetchedAfterAReload_IsSent_NotRefusedAsWaiting()
    {
        await _agent.ReleaseAsync(Task("T-6", "C-06-1", "SKU-6", 1));
        await EnrolAsync();
        await ScanAsync("P-06");
        await ScanAsync("C-06-1");
        await ExpectPromptAsync("scan-item", "SKU-6");

        // From the reload on, the agent's frames after its CONNACK are held back, as on a loaded gateway: the page is
        // online and its refresh of the screen unanswered when the picker scans the item. Before, that scan was refused
        // ("Still waiting…") though nothing on the screen said anything was being sent.
        var gate = new object();
        var held = new List<(IWebSocketRoute To, IWebSocketFrame Frame)>();
        var holding = true;
        await _page.RouteWebSocketAsync("**/mqtt", page =>
        {
            var agent = page.ConnectToServer();
            var connAcked = false;
            agent.OnMessage(frame =>
            {
                lock (gate)
                {
                    if (connAcked && holding) { held.Add((page, frame)); return; }
                    connAcked = true;
                }
                Forward(page, frame);
            });
        });
        await _page.ReloadAsync();
        await Expect(_page.Locator("#link")).ToHaveAttributeAsync("data-state", "online");
        await ExpectPromptAsync("scan-item", "SKU-6");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "no");
        await TypeAsync("SKU-6");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "yes");
        await Expect(_page.Locator("#prompt-hint")).Not.ToContainTextAsync("Still waiting");

        List<(IWebSocketRoute To, IWebSocketFrame Frame)> release;
        lock (gate) { holding = false; release = [.. held]; }
        foreach (var (to, frame) in release) { Forward(to, frame); }
        await ExpectPromptAsync("enter-quantity", "SKU-6");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "no");

        static void Forward(IWebSocketRoute to, IWebSocketFrame frame)
        {
            if (frame.Binary is { } bytes) { to.Send(bytes); } else { to.Send(frame.Text ?? ""); }
        }
    }

    [Fact]
    public async Task PushedPrompt_AppearsWithoutThePickerDoingAnything()
    {
        await EnrolAsync();
        await ScanAsync("P-04");
        await ExpectPromptAsync("no-work", "");
        await Shot("10-no-work");

        await _agent.ReleaseAsync(Task("T-4", "A-04-1", "SKU-4", 1));

        await ExpectPromptAsync("go-to-location", "A-04-1");
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pushed", "1");
        await Expect(_page.Locator("#task-location")).ToHaveTextAsync("A-04-1");
        await Shot("11-pushed-task");
    }

    [Fact]
    public async Task RevokedHandheld_IsCutOff_AndSentBackToEnrolment()
    {
        await EnrolAsync();
        await ScanAsync("P-05");
        await ExpectPromptAsync("no-work", "");
        var deviceId = await _page.EvaluateAsync<string>("JSON.parse(localStorage.getItem('edgeagent.handheld')).deviceId");

        await _agent.RevokeAsync(deviceId);

        await Expect(_page.Locator("#enrol-screen")).ToBeVisibleAsync();
        await Expect(_page.Locator("#enrol-why")).ToContainTextAsync("revoked");
        Assert.Null(await _page.EvaluateAsync<string?>("localStorage.getItem('edgeagent.handheld')"));
        await Shot("12-revoked");
    }

    private static NewPickTask Task(string id, string location, string sku, int qty, string? handling = null) =>
        new(id, location, sku, qty, DateTimeOffset.UtcNow.AddHours(1), OrderId: $"ORD-{id}", Handling: handling);

    private async Task EnrolAsync()
    {
        await _page.GotoAsync(await _agent.EnrolmentUrlAsync());
        await Expect(_page.Locator("#work-screen")).ToBeVisibleAsync();
        await Expect(_page.Locator("#link")).ToHaveAttributeAsync("data-state", "online");
        await Expect(_page.Locator("#entry-label")).ToHaveTextAsync("Scan your badge");
    }

    /// <summary>A scan as the keyboard wedge delivers it: keystrokes into whatever has the focus, then Enter.</summary>
    private async Task ScanAsync(string code)
    {
        await Expect(_page.Locator("body")).ToHaveAttributeAsync("data-pending", "no");
        await TypeAsync(code);
    }

    private async Task TypeAsync(string text)
    {
        await Expect(_page.Locator("#entry")).ToBeFocusedAsync();
        await _page.Keyboard.TypeAsync(text);
        await _page.Keyboard.PressAsync("Enter");
    }

    private async Task ExpectPromptAsync(string kind, string textContains)
    {
        await Expect(_page.Locator("#prompt")).ToHaveAttributeAsync("data-kind", kind);
        await Expect(_page.Locator("#prompt-text")).ToContainTextAsync(textContains);
    }

    private async Task Shot(string name) =>
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, $"handheld-{name}.png") });
}
