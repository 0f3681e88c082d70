using System.Globalization;
using System.Text;
using EdgeAgent.Audit;
using EdgeAgent.Bench.RoundTrip;
using EdgeAgent.Broker;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.People;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeAgent.Bench.ConsoleLive;

/// <summary>
/// The console's live path: a handheld's message (the floor event's origin) to the supervisor page's DOM, in
/// headless Chromium, with 200 pickers logged in and 5,000 open tasks, beside the same message reaching a bare
/// MQTT subscriber, in one run. One measured handheld works the pick loop while the other 199 work at a
/// walking pace, so the page draws a busy floor.
/// </summary>
internal sealed class ConsoleLiveBenchmark : IBenchmark
{
    private const string Site = "bench";
    private const string Viewer = "bench-viewer";
    private const string ViewerPassword = "bench-viewer-password";

    public string Name => "console-live";

    /// <summary>Wall-clock Unix milliseconds with sub-millisecond resolution, as the browser's <c>performance.timeOrigin + performance.now()</c>.</summary>
    public static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    public async Task<string> RunAsync(BenchSettings settings)
    {
        var pickers = 200;
        var tasks = 5000;
        var measured = settings.Quick ? 60 : 300;
        Directory.CreateDirectory(settings.WorkDirectory);
        var devices = Enumerable.Range(0, pickers).Select(n => $"hh-{n:D3}").ToList();
        using var capture = new ConsoleCapture(Path.Combine(settings.WorkDirectory, "agent.log"));
        var args = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:Port"] = "0",
            // The bare subscriber reads every handheld's events, which the device ACL forbids: a bench-only setting.
            ["Broker:Authentication"] = "Off",
            ["Store:DataDirectory"] = Path.Combine(settings.WorkDirectory, "data"),
            ["EdgeAgent:Site"] = Site,
            ["People:PasswordIterations"] = "10000",
            ["config"] = Path.Combine(settings.WorkDirectory, "no-site-file.json"),
        };
        for (var i = 0; i < devices.Count; i++)
        {
            args[$"Handhelds:Devices:{i}"] = devices[i];
        }

        var app = AgentHost.Build([.. args.Select(kv => $"--{kv.Key}={kv.Value}")]);
        await app.StartAsync();
        var cts = new CancellationTokenSource();
        var background = new List<Task>();
        var clients = new List<HandheldClient>();
        try
        {
            var store = app.Services.GetRequiredService<DurableStore>();
            await AddViewerAsync(app, store);
            var now = DateTimeOffset.UtcNow;
            var release = Enumerable.Range(0, tasks)
                .Select(n => new NewPickTask($"LT-{n:D5}", $"{Aisle(n)}-{n % 40:D2}-{(n % 5) + 1}", $"SKU-{n:D5}", (n % 3) + 1, now.AddMinutes(30 + (n % 240)), Zone: Aisle(n), OrderId: $"SO-{n / 4:D4}"))
                .ToList();
            await store.WriteAsync(db => TaskIntake.AddNew(db, release, now.UtcDateTime));
            var port = app.Services.GetRequiredService<AgentBroker>().Port;
            var runs = new List<PickerRun>();
            foreach (var device in devices)
            {
                var client = new HandheldClient(new HandheldClientOptions { Host = "127.0.0.1", Port = port, Site = Site, DeviceId = device, Password = "unused" });
                clients.Add(client);
                await client.ConnectAsync(cts.Token);
                var run = new PickerRun(client, "P-" + device[3..], followsWorkflow: true);
                await run.LoginAsync(cts.Token);
                runs.Add(run);
            }

            await using var bare = await BareSubscriber.ConnectAsync(port, Site, cts.Token);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var baseUrl = app.Urls.First().TrimEnd('/');
            await page.GotoAsync(baseUrl + "/signin");
            await page.FillAsync("input[name=name]", Viewer);
            await page.FillAsync("input[name=password]", ViewerPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForFunctionAsync("() => window.__console && window.__console.snapshots > 0");
            var shownTasks = await page.EvaluateAsync<int>("() => window.__console.taskCount()");
            await page.EvaluateAsync("(d) => { window.__console.watch = d; }", devices[0]);

            // The other 199 work the pick loop at a walking pace (about one message a second each).
            foreach (var run in runs.Skip(1))
            {
                background.Add(WalkAsync(run, cts.Token));
            }

            var sent = new List<(string Key, double At)>();
            var measuredRun = runs[0];
            for (var i = 0; i < measured + 10; i++)
            {
                var key = $"{devices[0]}:{measuredRun.Handheld.LastSeq + 1}";
                var at = NowMs();
                await measuredRun.StepAsync(cts.Token);
                if (i >= 10)
                {
                    sent.Add((key, at)); // the first ten warm up the JIT and the page
                }

                await Task.Delay(50, cts.Token);
            }

            await Task.Delay(2000, cts.Token);
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__console.seen");
            var domLatency = sent.Where(s => seen.ContainsKey(s.Key)).Select(s => seen[s.Key] - s.At).Order().ToList();
            var mqttLatency = sent.Where(s => bare.Seen.ContainsKey(s.Key)).Select(s => bare.Seen[s.Key] - s.At).Order().ToList();
            var rendered = await page.EvaluateAsync<int>("() => document.querySelectorAll('#tasks .row:not([hidden])').length");
            capture.Original.WriteLine($"console-live: {domLatency.Count}/{sent.Count} reached the DOM, {mqttLatency.Count}/{sent.Count} the bare subscriber");
            return Report(pickers, tasks, shownTasks, rendered, sent.Count, domLatency, mqttLatency);
        }
        finally
        {
            await cts.CancelAsync();
            try
            {
                await Task.WhenAll(background);
            }
            catch (Exception ex) when (ex is OperationCanceledException || cts.IsCancellationRequested)
            {
                // Stopped. A walker cancelled in the middle of a publish hears it from MQTTnet as a time-out
                // (MqttCommunicationTimedOutException); it crashed the bench in a clean-clone CI run.
            }

            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string Aisle(int n) => ((char)('A' + (n % 6))).ToString();

    private static async Task WalkAsync(PickerRun run, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(1000, ct);
            await run.StepAsync(ct);
        }
    }

    private static async Task AddViewerAsync(WebApplication app, DurableStore store)
    {
        var hash = app.Services.GetRequiredService<PasswordChecker>().Hash(ViewerPassword);
        var audit = app.Services.GetRequiredService<AuditLog>();
        await store.WriteAsync(db =>
        {
            if (PeopleBook.Add(db, Viewer, PersonRole.Viewer, hash, DateTime.UtcNow, "bench").Change is { } change)
            {
                PeopleAudit.Changed(audit, db, change);
            }

            return 0;
        });
    }

    private static string Report(int pickers, int tasks, int shownTasks, int renderedRows, int sent, List<double> dom, List<double> mqtt)
    {
        static string P(List<double> xs, double q) => xs.Count == 0 ? "–" : xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(q * xs.Count) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{MachineInfo.Describe()}. {pickers} pickers logged in over MQTT, {tasks} tasks released ({shownTasks} open or assigned in the page's list, {renderedRows} task rows in its DOM: the list is virtualised); 199 pickers work the pick loop at about one message a second each while one measured handheld sends {sent} messages (scan location, scan item, confirm) 50 ms apart.");
        text.AppendLine();
        text.AppendLine("| path | reached | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| handheld publish → bare MQTT subscriber | {mqtt.Count}/{sent} | {P(mqtt, 0.5)} | {P(mqtt, 0.99)} | {P(mqtt, 1)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| handheld publish → console DOM (agent fsync, live feed, SSE, browser draw) | {dom.Count}/{sent} | {P(dom, 0.5)} | {P(dom, 0.99)} | {P(dom, 1)} |");
        text.AppendLine();
        text.AppendLine("How measured: the bench hosts the real agent in-process and one headless Chromium (Debian's, through Playwright) signed in as a viewer on the real page. The clock is the machine's wall clock on both sides: the bench notes `Date.now`-equivalent milliseconds just before the handheld publishes a message (device id and `seq`); the bare subscriber notes when that (device, seq) arrives; the page notes `performance.timeOrigin + performance.now()` at the end of the animation-frame draw that applied the first floor event carrying that device and seq (`window.__console.seen`). The DOM path includes the agent handling the message and fsyncing it, the live feed's read of the committed change, the SSE hop and the browser's parse and draw. Run: `dotnet run -c Release --project bench/EdgeAgent.Bench -- console-live`.");
        return text.ToString();
    }
}
