using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Ingress;
using Microsoft.Extensions.Hosting;

namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>The real ingress as its own process (file sink, or JetStream with <see cref="JetStreamTarget.Args"/> after the port), printing "listening PORT" once bound.</summary>
public static class IngressChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        string dataDir = args[0];
        int port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        await using var app = IngressApp.Build(["--Logging:LogLevel:Default=Warning", .. args[2..]], o => TestIngress.Configure(o, dataDir, port));
        await app.StartAsync();
        Console.WriteLine($"listening {IngressApp.BoundPort(app)}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
