using CloudBridge.Edge.Tests.Infrastructure;

namespace CloudBridge.Edge.Tests;

/// <summary>
/// The test assembly doubles as the child processes that tests kill with SIGKILL:
/// <c>dotnet CloudBridge.Edge.Tests.dll edge …</c> and <c>dotnet CloudBridge.Edge.Tests.dll ingress …</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.FirstOrDefault() switch
        {
            "edge" => await EdgeChild.RunAsync(args[1..]),
            "ingress" => await IngressChild.RunAsync(args[1..]),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: edge <dataDir> <address> <writes> <eventsPerWrite> | ingress <dataDir> <port> [--Ingress:… configuration]");
        return 2;
    }
}
