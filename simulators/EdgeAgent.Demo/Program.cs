using EdgeAgent.Configuration;
using EdgeAgent.Demo;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;
using Serilog;

// The real agent, composed with the demo's simulated floor and its in-process central.
Log.Logger = AgentLogging.CreateBootstrapLogger();
try
{
    var app = AgentHost.Build(args, DemoHost.Options());
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    Log.Fatal("The demo cannot start, its configuration is invalid: {Problems}", string.Join("; ", ex.Failures));
    return 2;
}
catch (Exception ex) when (ex is StartupRefusedException or DataDirectoryLockedException or StoreDamagedException)
{
    Log.Fatal("The demo cannot start: {Reason}", ex.Message);
    return 3;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "The demo stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
