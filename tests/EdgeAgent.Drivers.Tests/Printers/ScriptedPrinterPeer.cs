using System.Net;
using System.Net.Sockets;

namespace EdgeAgent.Drivers.Tests.Printers;

/// <summary>A misbehaving "printer" on a loopback port: answers every <c>~HS</c> with fixed bytes, never, or half and then hangs up.</summary>
internal sealed class ScriptedPrinterPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly byte[]? _reply;
    private readonly bool _closeAfterReply;
    private readonly bool _closeOnFormat;
    private readonly Task _loop;
    private int _accepted;
    private int _formatsReceived;

    /// <param name="reply">What to answer to each status query; null never answers (a half-open peer).</param>
    /// <param name="closeAfterReply">Close the connection right after writing the reply.</param>
    /// <param name="closeOnFormat">Hang up, unanswered, as soon as a format (<c>^XA</c>) arrives: the job left the host but was never confirmed.</param>
    public ScriptedPrinterPeer(byte[]? reply, bool closeAfterReply = false, bool closeOnFormat = false)
    {
        _reply = reply;
        _closeAfterReply = closeAfterReply;
        _closeOnFormat = closeOnFormat;
        _listener.Start();
        _loop = AcceptAsync(_stopping.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>How many <c>^XA</c> arrived over all connections, to prove a job was never sent twice.</summary>
    public int FormatsReceived => Volatile.Read(ref _formatsReceived);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _loop;
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken);
                Interlocked.Increment(ref _accepted);
                connections.Add(ServeAsync(client, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var buffer = new byte[1024];
            try
            {
                var stream = client.GetStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var formats = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split("^XA").Length - 1;
                    Interlocked.Add(ref _formatsReceived, formats);
                    if (_closeOnFormat && formats > 0)
                    {
                        // Reset, not a graceful close: whatever the driver still writes fails, as on a printer that reboots.
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }

                    if (_reply is null)
                    {
                        continue;
                    }

                    await stream.WriteAsync(_reply, cancellationToken);
                    if (_closeAfterReply)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
                // The driver closed its side or the test ended.
            }
        }
    }
}
