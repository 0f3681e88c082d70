using System.Net.Sockets;
using System.Text;

namespace EdgeAgent.Hosting.Systemd;

/// <summary>Sends sd_notify(3) datagrams ("READY=1", "WATCHDOG=1", …) to systemd's notification socket.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _endpoint;

    public NotifySocket(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // systemd names an abstract socket with a leading '@'; the kernel wants a leading NUL.
        _endpoint = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
    }

    public void Send(string state) => _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endpoint);

    public void Dispose() => _socket.Dispose();
}
