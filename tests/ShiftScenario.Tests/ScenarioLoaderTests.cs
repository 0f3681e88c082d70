using EdgeAgent.ShiftScenario.Scenario;

namespace ShiftScenario.Tests;

public class ScenarioLoaderTests
{
    [Theory]
    [InlineData("normal")]
    [InlineData("bad-day")]
    public void ShippedScenario_Loads_WithItsDisruptions_AndNotTheTrainingSeed(string name)
    {
        var scenario = ScenarioLoader.Load(name);

        Assert.Equal(name, scenario.Name);
        Assert.NotEqual(ScenarioLoader.TrainingSeed, scenario.Seed);
        Assert.True(scenario.Workforce.Pickers >= 100);
        Assert.Equal(8, scenario.ShiftHours);
        Assert.NotEmpty(scenario.Disruptions);
        Assert.All(scenario.Disruptions, d => Assert.Contains(d.Kind, DisruptionKinds.All));
    }

    [Fact]
    public void BadDay_HasASlowerAndWiderPaceThanTheNormalShift()
    {
        var normal = ScenarioLoader.Load("normal");
        var bad = ScenarioLoader.Load("bad-day");

        Assert.True(bad.Workforce.PaceMedian < normal.Workforce.PaceMedian);
        Assert.True(bad.Workforce.PaceSigma > normal.Workforce.PaceSigma);
    }

    [Fact]
    public void TrainingSeed_IsRefused()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Minimal(seed: ScenarioLoader.TrainingSeed)));

        Assert.Contains("training seed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDisruption_AndBadShares_AreEachNamed()
    {
        var json = Minimal(seed: 5, tierShare: 0.7, disruptions: """[{ "kind": "meteor", "atHour": 1 }, { "kind": "blocked-aisle", "atHour": 1, "minutes": 10, "aisle": "Z" }]""");

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains("disruptions[0].kind 'meteor'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("disruptions[1].aisle", ex.Message, StringComparison.Ordinal);
        Assert.Contains("orders.tiers: shares", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledKey_IsRefused_NotIgnored()
    {
        var json = Minimal(seed: 5).Replace("\"shiftHours\"", "\"shiftHowers\"", StringComparison.Ordinal);

        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));
    }

    [Fact]
    public void Compress_ShortensTheShift_AndKeepsDisruptionsAtTheSameShare()
    {
        var full = ScenarioLoader.Load("normal");

        var quick = ScenarioLoader.Compress(full);

        Assert.Equal(full.Quick.Pickers, quick.Workforce.Pickers);
        Assert.Equal(full.Quick.ShiftHours, quick.ShiftHours);
        for (var i = 0; i < full.Disruptions.Count; i++)
        {
            Assert.Equal(full.Disruptions[i].AtHour / full.ShiftHours, quick.Disruptions[i].AtHour / quick.ShiftHours, 9);
        }
    }

    internal static string Minimal(int seed, double tierShare = 1.0, string disruptions = "[]") => $$"""
        {
          "name": "t", "seed": {{seed}}, "shiftHours": 2,
          "layout": { "aisles": 4, "baysPerAisle": 10, "levels": 2 },
          "workforce": { "pickers": 5 },
          "orders": {
            "tiers": [ { "name": "std", "share": {{tierShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "priority": 3, "minSlackMinutes": 30 } ],
            "carriers": [ { "name": "c", "share": 1, "firstDepartureMinutes": 30, "everyMinutes": 30 } ]
          },
          "supervisor": {},
          "disruptions": {{disruptions}}
        }
        """;
}
