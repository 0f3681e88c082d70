using LiteDB;

namespace CloudBridge.Outbox;

/// <summary>
/// The page each lane is filling in the current write transaction. Appends of one transaction go to one page
/// (rewritten in place, which LiteDB keeps in memory until the commit); <see cref="Seal"/> at the end of the
/// transaction makes the next one start a page of its own, so a committed page is never rewritten on the hot path.
/// </summary>
/// <remarks>
/// Correct without <see cref="Seal"/> too (a store that does not call it only pays for rewrites): a page is
/// continued only while the lane's stored last sequence is still the page's last one, which a rollback, a purge
/// or an eviction of the page breaks.
/// </remarks>
internal sealed class OpenPages
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OutboxPage> _open = new(StringComparer.Ordinal);

    public void Append(LiteDatabase db, ILiteCollection<BsonDocument> pages, string lane, long sequence, long cumulativeBefore, long size,
        Guid eventId, string type, long occurredTicks, ReadOnlySpan<byte> payload, string traceId, string schema)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(lane, out var page) && page.Database == db && page.LastSequence == sequence - 1 && page.Fits(payload.Length))
            {
                page.Add(sequence, size, eventId, type, occurredTicks, payload, traceId, schema);
                if (pages.Update(page.ToDocument()))
                {
                    return;
                }
            }

            _open.Remove(lane);
            page = new OutboxPage(db, sequence, cumulativeBefore);
            page.Add(sequence, size, eventId, type, occurredTicks, payload, traceId, schema);
            pages.Insert(page.ToDocument());
            _open[lane] = page;
        }
    }

    public void Seal()
    {
        lock (_gate)
        {
            _open.Clear();
        }
    }
}
