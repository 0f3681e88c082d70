using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CentralLoad;

/// <summary>A three-node nats-server JetStream cluster on loopback for the run (free ports, a temp store), stopped by its own handles.</summary>
internal sealed class NatsClusterProcesses : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];
    private readonly List<Process> _processes = [];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "central-load-" + Guid.NewGuid().ToString("N"));
    private readonly List<(int Client, int Route, int Http)> _ports = [];

    public string Urls => string.Join(',', _ports.Select(p => $"nats://127.0.0.1:{p.Client}"));

    public static async Task<NatsClusterProcesses> StartAsync(int nodes)
    {
        var binary = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nats-server is not installed (apt-get install nats-server)");
        var cluster = new NatsClusterProcesses();
        Directory.CreateDirectory(cluster._dir);
        for (int i = 0; i < nodes; i++)
        {
            cluster._ports.Add((FreePort(), FreePort(), FreePort()));
        }

        var routes = string.Join(", ", cluster._ports.Select(p => $"nats-route://127.0.0.1:{p.Route}"));
        for (int i = 0; i < nodes; i++)
        {
            var (client, route, http) = cluster._ports[i];
            var config = Path.Combine(cluster._dir, $"n{i}.conf");
            var clusterBlock = nodes > 1 ? $"cluster {{\n  name: central-load\n  listen: 127.0.0.1:{route}\n  routes: [{routes}]\n}}" : "";
            await File.WriteAllTextAsync(config, $"server_name: n{i}\nlisten: 127.0.0.1:{client}\nhttp: 127.0.0.1:{http}\njetstream {{\n  store_dir: \"{Path.Combine(cluster._dir, $"n{i}-js")}\"\n}}\n{clusterBlock}\n");
            var process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            cluster._processes.Add(process);
        }

        await cluster.WaitFormedAsync(nodes);
        return cluster;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task WaitFormedAsync(int nodes)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            int ready = 0;
            foreach (var (_, _, port) in _ports)
            {
                try
                {
                    using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/jsz"));
                    bool formed = nodes == 1 || (doc.RootElement.TryGetProperty("meta_cluster", out var meta)
                        && meta.TryGetProperty("leader", out var leader) && !string.IsNullOrEmpty(leader.GetString()));
                    ready += formed ? 1 : 0;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Not up yet.
                }
            }

            if (ready == nodes)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the NATS cluster did not form");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
