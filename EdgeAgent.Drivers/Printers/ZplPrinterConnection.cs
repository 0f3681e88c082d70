using System.Net.Sockets;
using System.Text;

namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// One raw TCP (port 9100) link to a ZPL printer: writes jobs and asks <c>~HS</c>. Expected
/// failures come back as results, never as exceptions. After any failure the link is closed,
/// because a late reply left in the stream would otherwise be read as the answer to the next query.
/// </summary>
public sealed class ZplPrinterConnection : IAsyncDisposable, IPrinterLink
{
    private static readonly byte[] HostStatusCommand = "~HS"u8.ToArray();
    private static readonly byte[] ExtendedStatusCommand = "~HQES"u8.ToArray();

    private readonly ZplConnectionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly byte[] _readBuffer = new byte[256];
    private Socket? _socket;
    private NetworkStream? _stream;

    public ZplPrinterConnection(ZplConnectionOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.WriteTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StatusTimeout, TimeSpan.Zero, nameof(options));
        _options = options;
        _timeProvider = timeProvider;
    }

    public bool IsConnected => _stream is not null;

    public async Task<PrinterLinkResult> ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = Deadline(_options.ConnectTimeout, cancellationToken);
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token);
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
            return PrinterLinkResult.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return new(PrinterLinkError.ConnectTimeout, $"no connect within {_options.ConnectTimeout}");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return new(PrinterLinkError.ConnectionRefused, ex.SocketErrorCode.ToString());
        }
    }

    /// <summary>Hands a job's bytes to the socket. OK means written in full, not that it printed.</summary>
    public async Task<PrinterLinkResult> SendAsync(ReadOnlyMemory<byte> zpl, CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            return new(PrinterLinkError.NotConnected);
        }

        using var timeout = Deadline(_options.WriteTimeout, cancellationToken);
        try
        {
            await _stream.WriteAsync(zpl, timeout.Token);
            await _stream.FlushAsync(timeout.Token);
            return PrinterLinkResult.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Close();
            return new(PrinterLinkError.WriteTimeout, $"not written within {_options.WriteTimeout}");
        }
        catch (IOException ex)
        {
            Close();
            return new(PrinterLinkError.ConnectionLost, ex.Message);
        }
    }

    /// <summary>Sends <c>~HS</c> and reads the three frames, within the status timeout.</summary>
    public async Task<StatusQueryResult> QueryStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await QueryAsync(HostStatusCommand, HostStatusParser.FrameCount, cancellationToken);
        if (reply.Error != PrinterLinkError.None)
        {
            return new(null, reply.Error, Detail: reply.Detail);
        }

        var parsed = HostStatusParser.Parse(reply.Text);
        if (parsed.IsValid)
        {
            return new(parsed.Status, PrinterLinkError.None);
        }

        Close();
        return new(null, PrinterLinkError.BadReply, parsed.Error, parsed.Detail);
    }

    /// <summary>Sends <c>~HQES</c> and reads its one frame, within the status timeout.</summary>
    public async Task<ExtendedStatusQueryResult> QueryExtendedStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await QueryAsync(ExtendedStatusCommand, 1, cancellationToken);
        if (reply.Error != PrinterLinkError.None)
        {
            return new(null, reply.Error, Detail: reply.Detail);
        }

        var parsed = ExtendedStatusParser.Parse(reply.Text);
        if (parsed.IsValid)
        {
            return new(parsed.Status, PrinterLinkError.None);
        }

        Close();
        return new(null, PrinterLinkError.BadReply, parsed.Error, parsed.Detail);
    }

    public void Close()
    {
        _stream?.Dispose();
        _socket?.Dispose();
        _stream = null;
        _socket = null;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task<RawReply> QueryAsync(byte[] command, int frameCount, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(command, cancellationToken);
        if (!sent.IsOk)
        {
            return new(string.Empty, sent.Error, sent.Detail);
        }

        using var timeout = Deadline(_options.StatusTimeout, cancellationToken);
        var reply = new StringBuilder();
        try
        {
            return await ReadReplyAsync(_stream!, reply, frameCount, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Close();
            return new(reply.ToString(), PrinterLinkError.NoResponse, $"{reply.Length} bytes within {_options.StatusTimeout}");
        }
        catch (IOException ex)
        {
            Close();
            return new(reply.ToString(), PrinterLinkError.ClosedMidReply, ex.Message);
        }
    }

    private async Task<RawReply> ReadReplyAsync(NetworkStream stream, StringBuilder reply, int frameCount, CancellationToken cancellationToken)
    {
        var frames = 0;
        while (frames < frameCount)
        {
            var read = await stream.ReadAsync(_readBuffer, cancellationToken);
            if (read == 0)
            {
                Close();
                return new(reply.ToString(), PrinterLinkError.ClosedMidReply, $"closed after {reply.Length} bytes");
            }

            for (var i = 0; i < read; i++)
            {
                var c = (char)_readBuffer[i];

                // The previous reply's trailing CR LF may arrive first: skip line ends before the first frame.
                if (reply.Length == 0 && c is '\r' or '\n')
                {
                    continue;
                }

                reply.Append(c);
                frames += c == HostStatusParser.Etx ? 1 : 0;
            }

            // Not a frame start, or far too long: no point waiting for more, it is garbage already.
            if (reply.Length > HostStatusParser.MaxReplyLength || (reply.Length > 0 && reply[0] != HostStatusParser.Stx))
            {
                break;
            }
        }

        return new(reply.ToString(), PrinterLinkError.None, null);
    }

    private LinkDeadline Deadline(TimeSpan timeout, CancellationToken cancellationToken) => new(timeout, _timeProvider, cancellationToken);

    private readonly record struct RawReply(string Text, PrinterLinkError Error, string? Detail);

    /// <summary>Cancels at the caller's token or when the timeout passes on the injected clock.</summary>
    private sealed class LinkDeadline : IDisposable
    {
        private readonly CancellationTokenSource _timer;
        private readonly CancellationTokenSource _linked;

        public LinkDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
        {
            _timer = new CancellationTokenSource(timeout, timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, cancellationToken);
        }

        public CancellationToken Token => _linked.Token;

        public void Dispose()
        {
            _linked.Dispose();
            _timer.Dispose();
        }
    }
}
