using EdgeAgent.Exceptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Exceptions;

public sealed class ExceptionOptionsTests
{
    [Fact]
    public void Defaults_AreValid_WithTheFourTeams()
    {
        var options = Bind([]);

        Assert.Equal(["warehouse", "maintenance", "inventory-control", "customer-service"], options.Teams);
        Assert.Contains(ExceptionOptions.AutoCleared, options.ResolutionCodes);
    }

    [Fact]
    public void SiteFile_OverridesOneFieldOfARow_AndKeepsTheOthers()
    {
        var options = Bind(new() { ["Exceptions:Types:sensor.jam:Sla"] = "00:02:00" });

        var jam = options.Types[ExceptionTypes.Jam];
        Assert.Equal((TimeSpan.FromMinutes(2), "maintenance", ExceptionSeverity.High), (jam.Sla, jam.Team, jam.Severity));
    }

    [Fact]
    public void UnknownTeam_FailsAtStart_NamingTheKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Exceptions:Types:sensor.jam:Team"] = "it-desk" }));

        Assert.Contains(ex.Failures, f => f.StartsWith("Exceptions:Types:sensor.jam:Team 'it-desk' is not one of Exceptions:Teams", StringComparison.Ordinal));
    }

    [Fact]
    public void ResolutionCodes_WithoutAutoCleared_AndANegativeSla_FailNamingEachKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Exceptions:ResolutionCodes:0"] = "fixed",
            ["Exceptions:Types:printer.paper-out:Sla"] = "-00:01:00",
        }));

        Assert.Contains(ex.Failures, f => f.StartsWith("Exceptions:ResolutionCodes must include 'auto-cleared'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Exceptions:Types:printer.paper-out:Sla must be positive", StringComparison.Ordinal));
    }

    private static ExceptionOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddExceptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ExceptionOptions>>().Value;
    }
}
