using System.Text.Json;
using EdgeAgent.Configuration;
using EdgeAgent.Events;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Fulfilment;

/// <summary>At start: says whether the store holds events from before typed events, and loads the seed file's tasks that are not known yet.</summary>
internal sealed partial class TaskSeeder(IOptions<TaskSeedOptions> options, DurableStore store, TaskReleases releases, ILogger<TaskSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var legacy = store.Read(db => new FloorEventLog(db).LegacyCount());
        if (legacy > 0)
        {
            LogLegacyEvents(logger, legacy, FloorEventLog.LegacyCollection);
        }

        if (options.Value.SeedFile is not { Length: > 0 } path)
        {
            return;
        }

        var tasks = await ReadSeedFileAsync(path, cancellationToken);
        var added = await releases.AddNewAsync(tasks, cancellationToken);
        LogSeeded(logger, added, tasks.Count - added, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<List<NewPickTask>> ReadSeedFileAsync(string path, CancellationToken cancellationToken)
    {
        List<NewPickTask?>? tasks;
        try
        {
            await using var file = File.OpenRead(path);
            tasks = await JsonSerializer.DeserializeAsync<List<NewPickTask?>>(file, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new StartupRefusedException($"Tasks:SeedFile '{path}' cannot be read: {ex.Message}", ex);
        }

        var problems = TaskIntake.Validate(tasks);
        if (problems.Count > 0)
        {
            throw new StartupRefusedException($"Tasks:SeedFile '{path}' has invalid tasks: {string.Join("; ", problems.Take(10))}");
        }

        return tasks!.Select(t => t!).ToList();
    }

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "The store holds {Count} floor events recorded before floor events were typed (collection {Collection}); they are kept as written and read as legacy events, and are not shipped again")]
    private static partial void LogLegacyEvents(ILogger logger, int count, string collection);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Seeded {Added} pick tasks from {Path} ({Known} already known)")]
    private static partial void LogSeeded(ILogger logger, int added, int known, string path);
}
