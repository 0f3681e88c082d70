using CloudBridge.Ingress;
using Microsoft.AspNetCore.Builder;

namespace CentralLoad;

/// <summary>N real ingress replicas (in-process hosts) on one JetStream configuration, each on its own loopback port.</summary>
internal sealed class IngressReplicas : IAsyncDisposable
{
    public const string AdminToken = "load-admin";
    private readonly List<WebApplication> _apps = [];

    public List<string> Addresses { get; } = [];

    public static string TokenOf(string gatewayId) => "t-" + gatewayId;

    public static async Task<IngressReplicas> StartAsync(int count, string natsUrls, string name, int gateways, int replicasInCluster, int partitions)
    {
        var replicas = new IngressReplicas();
        for (int i = 0; i < count; i++)
        {
            string[] args =
            [
                "--Logging:LogLevel:Default=Warning",
                // Stopping the simulated gateways resets their streams; the server logs each as an error.
                "--Logging:LogLevel:Grpc.AspNetCore.Server.ServerCallHandler=None",
                "--Ingress:Sink=jetstream",
                "--Ingress:JetStream:Url=" + natsUrls,
                "--Ingress:JetStream:Replicas=" + replicasInCluster,
                "--Ingress:JetStream:Partitions=" + partitions,
                "--Ingress:JetStream:Stream=" + name,
                "--Ingress:JetStream:SubjectPrefix=" + name.ToLowerInvariant(),
                "--Ingress:JetStream:LedgerBucket=" + name + "_LEDGER",
                "--Ingress:JetStream:AuditBucket=" + name + "_AUDIT",
                "--Ingress:JetStream:CommandStream=" + name + "_CMD",
                "--Ingress:JetStream:CommandSubjectPrefix=" + name.ToLowerInvariant() + ".cmd",
            ];
            var app = IngressApp.Build(args, o =>
            {
                o.Port = 0;
                o.DataDirectory = Path.Combine(Path.GetTempPath(), "central-load-ingress");
                o.AdminToken = AdminToken;
                for (int g = 0; g < gateways; g++)
                {
                    var id = LoadGateway.IdOf(g);
                    o.Gateways[id] = new GatewayCredential { Token = TokenOf(id) };
                }
            });
            await app.StartAsync();
            replicas._apps.Add(app);
            replicas.Addresses.Add($"http://127.0.0.1:{IngressApp.BoundPort(app)}");
        }

        return replicas;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
