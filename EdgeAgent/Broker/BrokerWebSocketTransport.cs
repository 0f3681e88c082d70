using MQTTnet.AspNetCore;
using MQTTnet.Server;

namespace EdgeAgent.Broker;

/// <summary>
/// MQTT over WebSockets on the agent's own web server (<c>Broker:WebSocketPath</c>, <c>/mqtt</c> by default): a second
/// listener of the one embedded broker, so a browser (the handheld web app) logs in with the same device credentials and
/// meets the same ACL, limits and drop counting as a device on TCP.
/// </summary>
public sealed partial class BrokerWebSocketTransport(IHostApplicationLifetime lifetime, ILogger<BrokerWebSocketTransport> logger)
{
    private MqttWebSocketServerAdapter? _current;

    /// <summary>For the embedded broker: a fresh adapter at each start (a stopped server disposes the one it had).</summary>
    public IMqttServerAdapter Create()
    {
        var adapter = new MqttWebSocketServerAdapter();
        Volatile.Write(ref _current, adapter);
        return adapter;
    }

    /// <summary>Takes a WebSocket upgrade on the path and hands the connection to the broker until it closes.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("MQTT over WebSockets only: open this path with a WebSocket (subprotocol mqtt)", context.RequestAborted);
            return;
        }

        if (Volatile.Read(ref _current) is not { ClientHandler: not null } adapter)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("The embedded broker is not running", context.RequestAborted);
            return;
        }

        var subProtocol = MqttSubProtocolSelector.SelectSubProtocol(context.Request);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);

        // The web server waits for open requests before the broker is stopped, and this one lasts as long as the device
        // stays connected: end it as the agent begins to stop, or shutdown would hang until its time-out. The device
        // sees a dropped connection and resends what is unanswered once the agent is back.
        using var stopping = lifetime.ApplicationStopping.Register(socket.Abort);
        try
        {
            await adapter.RunWebSocketConnectionAsync(socket, context);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A browser that goes away mid-frame (Wi-Fi drop, page closed) ends here; the broker already saw the client go.
            LogConnectionEnded(logger, context.Connection.RemoteIpAddress, ex.Message);
        }
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "MQTT WebSocket connection from {Remote} ended: {Reason}")]
    private static partial void LogConnectionEnded(ILogger logger, System.Net.IPAddress? remote, string reason);
}
