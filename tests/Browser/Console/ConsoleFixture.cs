using EdgeAgent.Demo;
using EdgeAgent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace EdgeAgent.Browser.Console;

/// <summary>
/// The real agent composed with the demo's simulated floor (handhelds, conveyor, printers, central) exactly as
/// <c>simulators/EdgeAgent.Demo</c> composes it, on free ports with a store of its own, and one headless Chromium.
/// Shared by the console tests; stopped by its own handles.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>The demo's console people (see <c>simulators/EdgeAgent.Demo/DemoPeople.cs</c>).</summary>
    public const string Supervisor = "demo-supervisor";
    public const string Viewer = "demo-viewer";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"edgeagent-browser-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save their screenshots: <c>screenshots/</c> in the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        string[] args =
        [
            "--Urls=http://127.0.0.1:0",
            $"--Store:DataDirectory={Path.Combine(_root, "agent")}",
            $"--Demo:CentralDataDirectory={Path.Combine(_root, "central")}",
            "--Demo:Handhelds=4",
            "--Demo:Tasks=40",
            "--Demo:WaveSeconds=20",
            "--Demo:WalkMilliseconds=1500",
            "--Demo:CartonMilliseconds=1500",
            // Next-task decisions in the cold aisle wait for a supervisor: the approval the tests act on.
            "--Governance:Rights:task.assign:Mode=Automated",
            "--Governance:Rights:task.assign:MinConfidence=0.5",
            "--Governance:Rights:task.assign:Scopes:0:Zone=D",
            "--Governance:Rights:task.assign:Scopes:0:Mode=Assisted",
            "--Governance:Rights:task.assign:ApprovalTimeout=00:30:00",
        ];
        _app = AgentHost.Build(args, DemoHost.Options());
        await _app.StartAsync();
        BaseUrl = _app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping part; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A fresh browser context (its own cookies) on a tablet-sized window, signed in as <paramref name="name"/>.</summary>
    public async Task<IPage> SignInAsync(string name)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.WaitForURLAsync("**/signin**");
        await page.FillAsync("input[name=name]", name);
        await page.FillAsync("input[name=password]", name == Viewer ? DemoFloorExtensions.ViewerPassword : DemoFloorExtensions.SupervisorPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForFunctionAsync("() => window.__console && window.__console.snapshots > 0");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class ConsoleGroup : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
