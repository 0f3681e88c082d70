using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeAgent.Simulators.Printers;

/// <summary>
/// A Zebra-style label printer on raw TCP: counts complete <c>^XA … ^XZ</c> formats (keeping the
/// last N), answers <c>~HS</c> and <c>~HQES</c> truthfully from its state, and can be told to run
/// out of paper, open its head, pause, run out of ribbon, or go silent. While faulted it buffers
/// formats and prints them when the fault clears, as a real printer does.
/// </summary>
public sealed class ZplPrinterEmulator : IAsyncDisposable
{
    private readonly ZplPrinterEmulatorOptions _options;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Queue<EmulatedLabel> _printed = new();
    private readonly Queue<byte[]> _buffered = new();
    private readonly List<TcpClient> _clients = [];
    private readonly List<string> _controlCommands = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _acceptLoop;
    private int _labelsPrinted;
    private int _statusQueries;
    private bool _paperOut;
    private bool _headOpen;
    private bool _paused;
    private bool _ribbonOut;
    private bool _silent;

    public ZplPrinterEmulator(ZplPrinterEmulatorOptions? options = null)
    {
        _options = options ?? new ZplPrinterEmulatorOptions();
        _listener = new TcpListener(IPAddress.Loopback, _options.Port);
    }

    public string Name => _options.Name;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int LabelsPrinted { get { lock (_gate) { return _labelsPrinted; } } }

    public int StatusQueries { get { lock (_gate) { return _statusQueries; } } }

    /// <summary>Formats received while faulted, waiting to print.</summary>
    public int FormatsInBuffer { get { lock (_gate) { return _buffered.Count; } } }

    /// <summary>The last <see cref="ZplPrinterEmulatorOptions.KeepLast"/> printed labels, oldest first.</summary>
    public IReadOnlyList<EmulatedLabel> Labels { get { lock (_gate) { return [.. _printed]; } } }

    /// <summary>Control commands received other than status queries (e.g. <c>~JR</c>), in order.</summary>
    public IReadOnlyList<string> ControlCommands { get { lock (_gate) { return [.. _controlCommands]; } } }

    public bool PaperOut { get => Read(() => _paperOut); set => Change(() => _paperOut = value); }

    public bool HeadOpen { get => Read(() => _headOpen); set => Change(() => _headOpen = value); }

    public bool Paused { get => Read(() => _paused); set => Change(() => _paused = value); }

    public bool RibbonOut { get => Read(() => _ribbonOut); set => Change(() => _ribbonOut = value); }

    /// <summary>Never answers status queries (and still takes formats), like a printer gone quiet.</summary>
    public bool Silent { get => Read(() => _silent); set => Change(() => _silent = value); }

    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <summary>Clears every fault and silence; buffered formats print.</summary>
    public void Resume() => Change(() => _paperOut = _headOpen = _paused = _ribbonOut = _silent = false);

    /// <summary>Drops every open connection, as a printer reboot would.</summary>
    public void DropConnections()
    {
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    /// <summary>
    /// Takes bytes that reached the printer another way than its TCP port (an MQTT adapter) through
    /// that path's own <paramref name="scanner"/>; returns the replies a socket would have been sent.
    /// </summary>
    internal IReadOnlyList<byte[]> Receive(ZplStreamScanner scanner, ReadOnlySpan<byte> bytes)
    {
        var replies = new List<byte[]>();
        scanner.Feed(bytes, command => OnControl(command, replies), OnFormat);
        return replies;
    }

    /// <summary>Completes when at least <paramref name="count"/> labels have printed since start.</summary>
    public async Task WaitForLabelsAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_labelsPrinted >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        DropConnections();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _clients.Add(client);
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var scanner = new ZplStreamScanner();
        var buffer = new byte[4096];
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                var replies = new List<byte[]>();
                scanner.Feed(buffer.AsSpan(0, read), command => OnControl(command, replies), OnFormat);
                foreach (var reply in replies)
                {
                    await stream.WriteAsync(reply, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // The peer went away or the emulator stopped: nothing to answer.
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(client);
            }

            client.Dispose();
        }
    }

    private void OnControl(string command, List<byte[]> replies)
    {
        lock (_gate)
        {
            if (command is not ("~HS" or "~HQES"))
            {
                _controlCommands.Add(command);
                return;
            }

            _statusQueries++;
            if (_silent || (_options.SilentWhenFaulted && (_paperOut || _headOpen || _ribbonOut)))
            {
                return;
            }

            replies.Add(command == "~HS"
                ? HostStatusReply.Format(_paperOut, _paused, _buffered.Count, _headOpen, _ribbonOut, _buffered.Count)
                : ExtendedStatusReply());
        }
    }

    private byte[] ExtendedStatusReply()
    {
        // Nibble 1 is the rightmost of the last group: 1 media out, 2 ribbon out, 4 head open; nibble 5: 1 paused.
        var errors = (_paperOut ? 0x1 : 0) | (_ribbonOut ? 0x2 : 0) | (_headOpen ? 0x4 : 0) | (_paused ? 0x10000 : 0);
        var text = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"\u0002\r\n  PRINTER STATUS\r\n   ERRORS:         {(errors != 0 ? 1 : 0)} 00000000 {errors:X8}\r\n   WARNINGS:       0 00000000 00000000\r\n\u0003\r\n");
        return Encoding.ASCII.GetBytes(text);
    }

    private void OnFormat(byte[] format)
    {
        Change(() => _buffered.Enqueue(format));
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>Applies a state change, prints what can print now, and wakes waiters.</summary>
    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            while (!(_paperOut || _headOpen || _paused || _ribbonOut) && _buffered.TryDequeue(out var format))
            {
                _labelsPrinted++;
                _printed.Enqueue(new EmulatedLabel(_labelsPrinted, format, ZplFieldDecoder.Fields(format)));
                while (_printed.Count > _options.KeepLast)
                {
                    _printed.Dequeue();
                }
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
