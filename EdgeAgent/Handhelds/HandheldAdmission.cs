namespace EdgeAgent.Handhelds;

/// <summary>At start, lets the handhelds enrolled in earlier runs back in (the broker keeps no list of its own).</summary>
public sealed partial class HandheldAdmission(HandheldEnrolments enrolments, ILogger<HandheldAdmission> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var count = enrolments.AdmitEnrolled();
        if (count > 0)
        {
            LogAdmitted(logger, count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "{Count} enrolled handheld(s) admitted to the broker")]
    private static partial void LogAdmitted(ILogger logger, int count);
}
