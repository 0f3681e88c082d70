namespace EdgeAgent.Drivers.Printers;

/// <summary>A snapshot of what a group did since it started.</summary>
/// <param name="LinkErrors">Failed connects, writes and status queries, by error.</param>
/// <param name="BadReplies">Complete <c>~HS</c> replies that were not a status, by parse error.</param>
/// <param name="EventCallbackFailures">Times the host's event callback threw.</param>
/// <param name="UnsolicitedStatusReplies">MQTT <c>/status</c> messages no query was waiting for (late, or an unknown printer); dropped.</param>
public sealed record PrinterGroupCounters(
    long Submitted,
    long Printed,
    long Failed,
    long Rerouted,
    long StatusPolls,
    IReadOnlyDictionary<PrinterLinkError, long> LinkErrors,
    IReadOnlyDictionary<HostStatusError, long> BadReplies,
    long EventCallbackFailures,
    long UnsolicitedStatusReplies = 0)
{
    public long LinkErrorCount(PrinterLinkError error) => LinkErrors.TryGetValue(error, out var n) ? n : 0;

    public long BadReplyCount(HostStatusError error) => BadReplies.TryGetValue(error, out var n) ? n : 0;
}
