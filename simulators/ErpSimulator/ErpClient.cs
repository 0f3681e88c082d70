using CloudBridge.Contract.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ErpSimulator;

/// <summary>The ERP's connection to central's admin API.</summary>
internal sealed class ErpClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public ErpClient(string address, string adminToken)
    {
        _channel = GrpcChannel.ForAddress(address);
        Admin = new CentralAdmin.CentralAdminClient(_channel);
        Headers = new Metadata { { "authorization", "Bearer " + adminToken } };
    }

    public CentralAdmin.CentralAdminClient Admin { get; }

    public Metadata Headers { get; }

    public void Dispose() => _channel.Dispose();
}
