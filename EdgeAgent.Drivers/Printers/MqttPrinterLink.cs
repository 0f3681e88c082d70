using System.Text;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// One printer behind an MQTT adapter, on the group's shared session: a job is one publish on
/// <c>/job</c>; <c>~HS</c> is a publish of those bytes, answered by the next message on <c>/status</c>
/// within the status timeout, else <see cref="PrinterLinkError.NoResponse"/> exactly as over TCP.
/// </summary>
internal sealed class MqttPrinterLink : IPrinterLink
{
    private static readonly byte[] HostStatusCommand = "~HS"u8.ToArray();

    private readonly PrinterMqttSession _session;
    private readonly string _printerId;
    private readonly ZplConnectionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private TaskCompletionSource<byte[]>? _pending;
    private volatile bool _open;

    public MqttPrinterLink(PrinterMqttSession session, string printerId, ZplConnectionOptions options, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.WriteTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StatusTimeout, TimeSpan.Zero, nameof(options));
        _session = session;
        _printerId = printerId;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Open and the session is up; a broker reconnect makes the group reconnect, so jobs sent before it go unconfirmed.</summary>
    public bool IsConnected => _open && _session.IsConnected;

    public async Task<PrinterLinkResult> ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        using var timer = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _session.WaitUntilConnectedAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(PrinterLinkError.ConnectTimeout, $"no broker session within {_options.ConnectTimeout}");
        }

        _open = true;
        return PrinterLinkResult.Ok;
    }

    public async Task<PrinterLinkResult> SendAsync(ReadOnlyMemory<byte> zpl, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            return new(PrinterLinkError.NotConnected);
        }

        var (sent, unacknowledged) = await _session.PublishJobAsync(_printerId, zpl, _options.WriteTimeout, _timeProvider, cancellationToken);
        if (sent.IsOk)
        {
            return sent;
        }

        Close();

        // Unlike a TCP write that broke off, an unacknowledged publish may still reach the printer whole: reported as
        // written on a link now closed (JobPrinted, unconfirmed) so the group never sends it to a second printer.
        return unacknowledged ? PrinterLinkResult.Ok : sent;
    }

    public async Task<StatusQueryResult> QueryStatusAsync(CancellationToken cancellationToken)
    {
        // Waiting before the publish, so an answer faster than the publish acknowledgement is not lost.
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending = reply;
        }

        try
        {
            var (sent, _) = IsConnected
                ? await _session.PublishJobAsync(_printerId, HostStatusCommand, _options.WriteTimeout, _timeProvider, cancellationToken)
                : (new PrinterLinkResult(PrinterLinkError.NotConnected), false);
            if (!sent.IsOk)
            {
                Close();
                return new(null, sent.Error, Detail: sent.Detail);
            }

            using var timer = new CancellationTokenSource(_options.StatusTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            byte[] payload;
            try
            {
                payload = await reply.Task.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Close();
                return new(null, PrinterLinkError.NoResponse, Detail: $"no /status answer within {_options.StatusTimeout}");
            }

            return Parse(payload);
        }
        finally
        {
            lock (_gate)
            {
                if (_pending == reply)
                {
                    _pending = null;
                }
            }
        }
    }

    /// <summary>Called by the session for each <c>/status</c> message of this printer; false when no query was waiting for it.</summary>
    public bool Deliver(ReadOnlySpan<byte> payload)
    {
        TaskCompletionSource<byte[]>? waiting;
        lock (_gate)
        {
            waiting = _pending;
            _pending = null;
        }

        // Bounded copy: a reply longer than any host status is garbage, and the parser says so from its length.
        return waiting?.TrySetResult(payload[..Math.Min(payload.Length, HostStatusParser.MaxReplyLength + 1)].ToArray()) ?? false;
    }

    public void Close()
    {
        _open = false;
        lock (_gate)
        {
            // A late answer to an abandoned query must not be taken as the answer to the next one.
            _pending = null;
        }
    }

    private StatusQueryResult Parse(byte[] payload)
    {
        // Same reading as the TCP link: bytes as Latin-1 characters, line ends before the first frame skipped.
        var parsed = HostStatusParser.Parse(Encoding.Latin1.GetString(payload).TrimStart('\r', '\n'));
        if (parsed.IsValid)
        {
            return new(parsed.Status, PrinterLinkError.None);
        }

        Close();
        return new(null, PrinterLinkError.BadReply, parsed.Error, parsed.Detail);
    }
}
