using CloudBridge.Outbox;

namespace EdgeAgent.Storage;

/// <summary>
/// Writes refused for lack of space, either of the outbox's quota (<see cref="OutboxFullException"/>) or of the
/// data disk (<see cref="StorageLowException"/>): nothing was applied, the caller answers "try again" and lives on.
/// </summary>
public static class SpaceRefusal
{
    /// <summary>True when <paramref name="exception"/> refused a write for lack of space.</summary>
    public static bool Is(Exception exception) => exception is OutboxFullException or StorageLowException;

    /// <summary>Which space was short, for counters and prompts: <c>disk</c> or <c>outbox</c>.</summary>
    public static string Reason(Exception exception) => exception is StorageLowException ? "disk" : "outbox";
}
