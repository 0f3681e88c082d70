using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ChaosRunner;

/// <summary>
/// The WAN between the gateway and central: a loopback TCP forwarder the agent's uplink and downlink go through.
/// <see cref="Drop"/> resets every connection and refuses new ones (a cut line); <see cref="Stall"/> keeps the
/// connections open but forwards nothing (a black hole: no RST, no FIN, bytes just stop); <see cref="Restore"/>
/// lets traffic flow again.
/// </summary>
internal sealed class WanProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<long, (Socket Client, Socket Server)> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile TaskCompletionSource _open = Opened();
    private volatile bool _dropped;
    private long _next;
    private Task? _accepting;

    public WanProxy(int targetPort) => _targetPort = targetPort;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public void Drop()
    {
        _dropped = true;
        foreach (var key in _links.Keys)
        {
            Abort(key);
        }
    }

    public void Stall()
    {
        if (_open.Task.IsCompleted)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Restore()
    {
        _dropped = false;
        _open.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Restore();
        foreach (var key in _links.Keys)
        {
            Abort(key);
        }

        if (_accepting is not null)
        {
            try
            {
                await _accepting;
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            if (_dropped)
            {
                client.Close(0);
                continue;
            }

            _ = LinkAsync(client);
        }
    }

    private async Task LinkAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _targetPort), _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Central is down: the gateway sees a refused connection.
            client.Close(0);
            server.Dispose();
            return;
        }

        var key = Interlocked.Increment(ref _next);
        _links[key] = (client, server);
        await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        Abort(key);
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                // A stall holds the bytes here until the line is restored.
                await _open.Task.WaitAsync(_stop.Token);
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Abort(long key)
    {
        if (_links.TryRemove(key, out var link))
        {
            link.Client.Close(0);
            link.Server.Close(0);
        }
    }
}
