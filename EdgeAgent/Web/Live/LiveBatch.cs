namespace EdgeAgent.Web.Live;

/// <summary>
/// One push to the console: what changed since the previous batch, derived from the committed floor events.
/// Rows are whole (an upsert); a task that is no longer open arrives with its final status.
/// </summary>
/// <param name="Seq">The batch's number in this run of the agent; the SSE event id is <c>{boot}:{seq}</c>.</param>
/// <param name="Topics">The queues to refetch (see <see cref="LiveTopics"/>).</param>
/// <param name="Health">Devices, line and bridge, when any of them changed; null otherwise.</param>
public sealed record LiveBatch(
    long Seq,
    DateTime At,
    IReadOnlyList<LiveEvent> Events,
    IReadOnlyList<LiveTask> Tasks,
    IReadOnlyList<LivePicker> Pickers,
    IReadOnlyList<string> RemovedPickers,
    LiveCounts? Counts,
    IReadOnlyList<string> Topics,
    LiveHealth? Health);

/// <summary>What a console gets first (and after a gap it cannot catch up on): the whole live floor.</summary>
public sealed record LiveSnapshot(
    long Seq,
    DateTime At,
    string Site,
    string GatewayId,
    IReadOnlyList<LivePicker> Pickers,
    IReadOnlyList<LiveTask> Tasks,
    LiveCounts Counts,
    IReadOnlyList<LiveEvent> RecentEvents,
    LiveHealth Health);

/// <summary>Devices (only those that changed, in a batch), the conveyor line with its printers, and the bridge.</summary>
public sealed record LiveHealth(IReadOnlyList<LiveDevice> Devices, object? Conveyor, object? Bridge);

/// <summary>A device's presence as the console shows it; <see cref="LastSeen"/> to the second.</summary>
public sealed record LiveDevice(string DeviceId, string Kind, bool Online, bool Stale, int? Battery, string? AppVersion, DateTimeOffset LastSeen);
