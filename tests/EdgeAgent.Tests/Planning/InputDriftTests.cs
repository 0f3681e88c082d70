using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Planning;

/// <summary>The agent compares the features of the requests its models score with their training distribution.</summary>
public sealed class InputDriftTests
{
    [Fact]
    public async Task FloorOfMuchLargerQuantities_RaisesAnInputDriftAlarmOnQuantity_ShownOnThePlanningPage()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        settings["Planning:InputDrift:WindowSize"] = "200";
        settings["Planning:InputDrift:MinimumSamples"] = "50";
        settings["Planning:InputDrift:RowsPerCall"] = "64";
        settings["Planning:DeadlineMilliseconds"] = "2000";
        await using var agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        // Training saw 1 to about 14 units a line; this floor picks pallets' worth.
        await agent.ReleaseAsync([.. Enumerable.Range(1, 40).Select(i => new NewPickTask(
            $"T-{i:00}", $"{(char)('A' + (i % 4))}-{1 + (i * 7 % 40):00}-{1 + (i % 3)}", $"SKU-{i}", 60 + i, DateTimeOffset.UtcNow.AddMinutes(30 + i), OrderId: $"SO-{i}"))]);
        await using var handheld = new HandheldClient(new HandheldClientOptions { Port = agent.BrokerPort, DeviceId = "hh-1", Password = RunningAgent.Password("hh-1") }, TimeProvider.System);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await handheld.ConnectAsync(wait.Token);
        await handheld.SendAsync(HandheldBodies.Login("P-1"), wait.Token);

        var store = agent.Services.GetRequiredService<DurableStore>();
        ModelInputDrift? alarm = null;
        while (alarm is null)
        {
            await Task.Delay(50, wait.Token);
            alarm = store.Read(db => new FloorCollections(db).Events.OfType<ModelInputDrift>().FirstOrDefault(e => e.ModelName == "pick-duration" && e.Feature == "Quantity"));
        }

        Assert.True(alarm.Psi > alarm.Threshold, $"PSI {alarm.Psi} against {alarm.Threshold}");
        Assert.True(alarm.Samples >= 50);
        using var page = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/planning", wait.Token));
        var quantity = page.RootElement.GetProperty("inputDrift").EnumerateArray()
            .Single(m => m.GetProperty("model").GetString() == "pick-duration")
            .GetProperty("features").EnumerateArray().Single(f => f.GetProperty("feature").GetString() == "Quantity");
        Assert.True(quantity.GetProperty("alarming").GetBoolean());
    }
}
