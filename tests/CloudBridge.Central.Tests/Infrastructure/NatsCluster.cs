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
        for (int attempt = 1; ; attempt++)
        {
            var cluster = await StartOnFreePortsAsync(size);
            try
            {
                await cluster.WaitFormedAsync();
                return cluster;
            }
            catch (NodeExitedException) when (attempt < 3)
            {
                // A free port found here can be taken by a parallel test before the node binds it: start on new ones.
                await cluster.DisposeAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
    }

    private static async Task<NatsCluster> StartOnFreePortsAsync(int size)
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

    /// <summary>
    /// Every running node reports a meta leader and the full cluster size in its /jsz. A node that ended without being
    /// killed (its port taken, a bad config) fails the wait at once with what it printed, as does a cluster that never forms.
    /// </summary>
    private async Task WaitFormedAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await WaitEachNodeAsync(http);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; the nodes said: {string.Join(" | ", _nodes.Select(n => $"{n.Name}: {n.Said}"))}", ex);
        }
    }

    private Task WaitEachNodeAsync(HttpClient http) =>
        Eventually.WaitAsync(async () =>
        {
            if (_nodes.FirstOrDefault(n => n.Ended) is { } ended)
            {
                throw new NodeExitedException($"nats-server {ended.Name} ended while the cluster formed: {ended.Said}");
            }

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class NodeExitedException(string message) : Exception(message);

    private sealed class Node(string name, int clientPort, int routePort, int httpPort)
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _said = new();
        private Process? _process;
        private bool _killed;

        public string Name { get; } = name;
        public int ClientPort { get; } = clientPort;
        public int RoutePort { get; } = routePort;
        public int HttpPort { get; } = httpPort;
        public string Config { get; set; } = "";
        public bool Running => _process is { HasExited: false };

        /// <summary>The process ended and nobody killed it.</summary>
        public bool Ended => !_killed && _process is { HasExited: true };

        /// <summary>The node's last lines of output.</summary>
        public string Said => string.Join(" / ", _said);

        public void Start(string binary)
        {
            _process?.Dispose();
            _killed = false;
            _process = Process.Start(new ProcessStartInfo(binary, ["-c", Config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            _said.Enqueue(line);
            while (_said.Count > 8 && _said.TryDequeue(out _))
            {
            }
        }

        public void Kill()
        {
            _killed = true;
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
    }
}
