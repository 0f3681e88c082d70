using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;
using Serilog;

if (args is ["hash-password", ..])
{
    // For the site file's Broker:Clients:<id>:PasswordHash: the password is read from standard input.
    var password = Console.In.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        await Console.Error.WriteLineAsync("Type the device's password on standard input, e.g. `echo -n secret | EdgeAgent hash-password`.");
        return 2;
    }

    Console.WriteLine(PasswordHash.Create(password));
    return 0;
}

if (args is ["audit", ..])
{
    return EdgeAgent.Commands.AuditCommand.Run(args, Console.Out, Console.Error);
}

if (args is ["users", ..])
{
    return await EdgeAgent.Commands.UsersCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
}

if (args is ["models", ..])
{
    return EdgeAgent.Commands.ModelsCommand.Run(args, Console.Out, Console.Error);
}

if (args is ["setup", ..])
{
    return await EdgeAgent.Commands.SetupCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
}

if (args is ["devices", ..])
{
    return EdgeAgent.Commands.DevicesCommand.Run(args, Console.Out, Console.Error);
}

if (args is ["handhelds", ..])
{
    return await EdgeAgent.Commands.HandheldsCommand.RunAsync(args, Console.Out, Console.Error);
}

if (args is ["doctor", ..])
{
    return await EdgeAgent.Commands.DoctorCommand.RunAsync(args, Console.Out, Console.Error);
}

// A usable message when start-up fails before the logging pipeline exists.
Log.Logger = AgentLogging.CreateBootstrapLogger();
try
{
    var app = AgentHost.Build(args);
    // Taken before the run: the host disposes its services when it stops.
    var loops = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Microsoft.Extensions.Hosting.BackgroundService>().ToList();
    await app.RunAsync();
    // A background loop that died stops the host (the default behaviour); that is a failure, never a clean stop:
    // exit non-zero so systemd's Restart=on-failure brings the agent back (it exited 0 before).
    var died = loops.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
    foreach (var service in died)
    {
        Log.Fatal(service.ExecuteTask!.Exception!.GetBaseException(), "EdgeAgent stopped because {Service} failed", service.GetType().Name);
    }

    return died.Count == 0 ? 0 : 1;
}
catch (OptionsValidationException ex)
{
    Log.Fatal("EdgeAgent cannot start, its configuration is invalid: {Problems}", string.Join("; ", ex.Failures));
    return 2;
}
catch (Exception ex) when (ex is StartupRefusedException or DataDirectoryLockedException or StoreDamagedException or StoreTooNewException or StoreSpaceException)
{
    Log.Fatal("EdgeAgent cannot start: {Reason}", ex.Message);
    return 3;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "EdgeAgent stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, public so tests can host the agent with WebApplicationFactory.</summary>
public partial class Program;
