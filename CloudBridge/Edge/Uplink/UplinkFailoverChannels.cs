using Grpc.Net.Client;

namespace CloudBridge.Uplink;

/// <summary>The channels to <see cref="UplinkOptions.FailoverAddresses"/>, owned (and disposed) by the container.</summary>
public sealed class UplinkFailoverChannels : IDisposable
{
    public UplinkFailoverChannels(UplinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Channels = options.FailoverAddresses.Select(a => BridgeChannel.Create(options, a)).ToList();
    }

    public IReadOnlyList<GrpcChannel> Channels { get; }

    public void Dispose()
    {
        foreach (var channel in Channels)
        {
            channel.Dispose();
        }
    }
}
