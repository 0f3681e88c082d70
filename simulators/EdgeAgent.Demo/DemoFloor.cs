using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Simulators.Floor;
using EdgeAgent.Simulators.Handhelds;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Demo;

/// <summary>
/// The demo's floor: releases waves of pick tasks and runs simulated pickers on
/// handhelds that talk MQTT to the agent's broker exactly as real devices would.
/// </summary>
internal sealed partial class DemoFloor(
    IOptions<DemoOptions> options,
    IOptions<AgentOptions> agent,
    AgentBroker broker,
    TaskReleases releases,
    TimeProvider time,
    ILogger<DemoFloor> logger) : BackgroundService
{
    private readonly DemoOptions _options = options.Value;
    private readonly Random _random = new(42);

    public static string DeviceId(int n) => $"hh-{DemoFloorExtensions.Two(n)}";

    /// <summary>The demo handhelds' broker passwords: demo only, known to anyone who reads this.</summary>
    public static string Password(string deviceId) => $"demo-{deviceId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(logger, _options.Handhelds, _options.Tasks);
        await ReleaseWaveAsync(1, stoppingToken);
        var pickers = Enumerable.Range(1, _options.Handhelds).Select(n => RunPickerAsync(n, stoppingToken)).ToList();
        if (_options.WaveSeconds > 0)
        {
            pickers.Add(ReleaseWavesAsync(stoppingToken));
        }

        try
        {
            await Task.WhenAll(pickers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ReleaseWavesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.WaveSeconds), time);
        var wave = 1;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ReleaseWaveAsync(++wave, stoppingToken);
        }
    }

    private async Task ReleaseWaveAsync(int wave, CancellationToken stoppingToken)
    {
        var tasks = DemoTasks.Wave(wave, _options.Tasks, time.GetUtcNow(), _random);
        var added = await releases.AddNewAsync(tasks, stoppingToken);
        LogWave(logger, wave, added);
    }

    private async Task RunPickerAsync(int n, CancellationToken stoppingToken)
    {
        try
        {
            await WorkAsync(n, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A simulated device failing must not take the agent down with it.
            LogPickerFailed(logger, ex, DeviceId(n));
        }
    }

    private async Task WorkAsync(int n, CancellationToken stoppingToken)
    {
        var options = new HandheldClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            Site = agent.Value.Site,
            DeviceId = DeviceId(n),
            Password = Password(DeviceId(n)),
        };
        await using var handheld = new HandheldClient(options, time);
        await handheld.ConnectAsync(stoppingToken);
        var bot = new PickerBot(handheld, new PickerBotOptions
        {
            PickerId = $"P-{DemoFloorExtensions.Two(n)}",
            Seed = n,
            Walk = TimeSpan.FromMilliseconds(_options.WalkMilliseconds * (0.5 + _random.NextDouble())),
        }, time);
        await bot.RunAsync(stopWhenIdle: false, stoppingToken);
    }

    [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "Demo floor: simulated handheld {Device} stopped")]
    private static partial void LogPickerFailed(ILogger logger, Exception exception, string device);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Demo floor: {Handhelds} simulated handhelds, {Tasks} tasks a wave")]
    private static partial void LogStarting(ILogger logger, int handhelds, int tasks);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Demo floor: wave {Wave} released, {Added} pick tasks")]
    private static partial void LogWave(ILogger logger, int wave, int added);
}
