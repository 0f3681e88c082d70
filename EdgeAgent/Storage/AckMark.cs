namespace EdgeAgent.Storage;

/// <summary>
/// "Device <paramref name="Device"/> was told that its message <paramref name="Seq"/> on <paramref name="Lane"/> is stored":
/// passed with a write, recorded in the same transaction and, after the fsync, in the store's
/// acknowledgement record outside LiteDB, so an open can tell when acknowledged work is missing.
/// </summary>
/// <param name="Device">The device told (a handheld id, a scanner id).</param>
/// <param name="Lane">The stream the sequence numbers count (e.g. <c>picks</c>).</param>
/// <param name="Seq">The sequence number acknowledged; only the highest per device and lane is kept.</param>
public readonly record struct AckMark(string Device, string Lane, long Seq)
{
    internal string Key => Device + "\n" + Lane;

    internal static void EnsureValid(AckMark mark)
    {
        if (string.IsNullOrEmpty(mark.Device) || string.IsNullOrEmpty(mark.Lane)
            || mark.Device.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 || mark.Lane.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
        {
            throw new ArgumentException($"An acknowledgement mark needs a device and a lane without tabs or line breaks (got '{mark.Device}', '{mark.Lane}')", nameof(mark));
        }
    }
}
