using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>
/// A three-node nats-server JetStream cluster on loopback (free ports, temp stores), each node stopped by its own
/// process handle. A node can be killed (SIGKILL) and started again on its ports and store. A missing binary fails the
/// test with what to install.
/// </summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Node[] _nodes;

    private NatsCluster(Node[] nodes) => _nodes = nodes;

    /// <summary>All client URLs, comma-separated (what the ingress connects with).</summary>
    public string Urls => string.Join(',', _nodes.Select(n => $"nats://127.0.0.1:{n.ClientPort}"));

    public IReadOnlyList<string> NodeNames => _nodes.Select(n => n.Name).ToList();

    public static async Task<NatsCluster> StartAsync(int size = 3)
    {
        var binary = NatsServerFixture.Binary();
        var nodes = Enumerable.Range(1, size).Select(i => new Node($"n{i}", FreePort(), FreePort(), FreePort())).ToArray();
        var cluster = new NatsCluster(nodes);
        var routes = string.Join(", ", nodes.Select(n => $"nats-route://127.0.0.1:{n.RoutePort}"));
        foreach (var node in nodes)
        {
            node.Config = cluster._dir.Sub(node.Name + ".conf");
            await File.WriteAllTextAsync(node.Config, $$"""
                server_name: {{node.Name}}
                listen: 127.0.0.1:{{node.ClientPort}}
                http: 127.0.0.1:{{node.HttpPort}}
                jetstream {
                  store_dir: "{{cluster._dir.Sub(node.Name + "-js")}}"
                }
                cluster {
                  name: bridge-test
                  listen: 127.0.0.1:{{node.RoutePort}}
                  routes: [{{routes}}]
                }
                """);
            node.Start(binary);
        }

        await cluster.WaitFormedAsync();
        return cluster;
    }

    /// <summary>SIGKILL of one node: nothing it had not replicated survives on it.</summary>
    public void Kill(string name) => NodeOf(name).Kill();

    /// <summary>Starts a killed node again on the same ports and store, and waits until the cluster has it back.</summary>
    public async Task RestartAsync(string name)
    {
        NodeOf(name).Start(NatsServerFixture.Binary());
        await WaitFormedAsync();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Kill();
        }

        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private Node NodeOf(string name) => _nodes.Single(n => n.Name == name);

    /// <summary>Every running node reports a meta leader and the full cluster size in its /jsz.</summary>
    private async Task WaitFormedAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.WaitAsync(async () =>
        {
            foreach (var node in _nodes.Where(n => n.Running))
            {
                try
                {
                    using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node.HttpPort}/jsz"));
                    if (!doc.RootElement.TryGetProperty("meta_cluster", out var meta)
                        || !meta.TryGetProperty("leader", out var leader) || string.IsNullOrEmpty(leader.GetString())
                        || meta.GetProperty("cluster_size").GetInt32() != _nodes.Length)
                    {
                        return false;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
                {
                    return false;
                }
            }

            return true;
        }, "the NATS cluster to elect a meta leader");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Node(string name, int clientPort, int routePort, int httpPort)
    {
        private Process? _process;

        public string Name { get; } = name;
        public int ClientPort { get; } = clientPort;
        public int RoutePort { get; } = routePort;
        public int HttpPort { get; } = httpPort;
        public string Config { get; set; } = "";
        public bool Running => _process is { HasExited: false };

        public void Start(string binary)
        {
            _process?.Dispose();
            _process = Process.Start(new ProcessStartInfo(binary, ["-c", Config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public void Kill()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
    }
}
