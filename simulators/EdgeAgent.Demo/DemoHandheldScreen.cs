using EdgeAgent.Handhelds;

namespace EdgeAgent.Demo;

/// <summary>
/// Prints where to open a real handheld screen next to the simulated pickers: the app's address and a fresh one-time
/// enrolment code (more come from /handhelds/enrol with the demo supervisor's token).
/// </summary>
internal sealed partial class DemoHandheldScreen(HandheldEnrolments enrolments, IConfiguration configuration, ILogger<DemoHandheldScreen> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');
        var issued = await enrolments.IssueAsync("demo", deviceId: null, stoppingToken);
        if (issued.Value is { } code)
        {
            var url = $"{address}{HandheldEndpoints.AppPath}?enrol={code.Code}";
            var page = address + HandheldEndpoints.EnrolPagePath;
            LogScreen(logger, url, code.Code, page);
        }
    }

    [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Demo handheld screen: open {Url} (enrolment code {Code}, works once; more at {EnrolPage} with the token demo-supervisor-token). Log in by typing a badge such as P-90, then Enter")]
    private static partial void LogScreen(ILogger logger, string url, string code, string enrolPage);
}
