using LiteDB;

namespace CloudBridge.Outbox;

/// <summary>
/// The pages each lane is filling in the current write transaction. When the store calls <see cref="Write"/> just
/// before each commit (the agent's DurableStore does), appends only collect records in memory and each page is
/// inserted once, whole; <see cref="Seal"/> at the end of the transaction makes the next one start pages of its own.
/// </summary>
/// <remarks>
/// A store that calls neither stays correct: until the first <see cref="Write"/> every append writes its page
/// through (rewriting it in place), and a page is continued only while the lane's stored last sequence is still the
/// page's last one, which a rollback, a purge or an eviction of the page breaks.
/// </remarks>
internal sealed class OpenPages
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OutboxPage> _open = new(StringComparer.Ordinal);
    private readonly List<OutboxPage> _unwritten = [];
    private bool _deferred;

    public void Append(LiteDatabase db, ILiteCollection<BsonDocument> pages, string lane, long sequence, long cumulativeBefore, long size,
        Guid eventId, string type, long occurredTicks, ReadOnlySpan<byte> payload, string traceId, string schema)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(lane, out var page) && page.Database == db && page.LastSequence == sequence - 1)
            {
                if (page.Fits(payload.Length))
                {
                    page.Add(sequence, size, eventId, type, occurredTicks, payload, traceId, schema);
                    if (page.Unwritten || pages.Update(page.ToDocument()))
                    {
                        return;
                    }
                }
                else if (page.Unwritten)
                {
                    _unwritten.Add(page);
                }
            }

            page = new OutboxPage(db, pages, sequence, cumulativeBefore) { Unwritten = _deferred };
            page.Add(sequence, size, eventId, type, occurredTicks, payload, traceId, schema);
            if (!page.Unwritten)
            {
                pages.Insert(page.ToDocument());
            }

            _open[lane] = page;
        }
    }

    /// <summary>Inserts the pages this transaction filled; from now on appends wait for this call.</summary>
    public void Write(LiteDatabase db)
    {
        lock (_gate)
        {
            _deferred = true;
            foreach (var page in _unwritten.Concat(_open.Values).Where(p => p.Unwritten && p.Database == db))
            {
                page.Collection.Insert(page.ToDocument());
                page.Unwritten = false;
            }

            _unwritten.Clear();
        }
    }

    public void Seal()
    {
        lock (_gate)
        {
            _open.Clear();
            _unwritten.Clear();
        }
    }
}
