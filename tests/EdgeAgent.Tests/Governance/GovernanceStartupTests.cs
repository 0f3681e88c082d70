using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Governance;

public sealed class GovernanceStartupTests
{
    [Theory]
    [InlineData("Governance:Rights:task.reassign:Mode", "Often", "Governance:Rights:task.reassign:Mode")]
    [InlineData("Governance:Rights:parcel.launch:Mode", "Automated", "Governance:Rights:parcel.launch")]
    [InlineData("Governance:Rights:task.assign:MinConfidence", "1.2", "Governance:Rights:task.assign:MinConfidence")]
    [InlineData("Governance:Operators:sam:Role", "Boss", "Governance:Operators:sam:Role")]
    public async Task InvalidGovernanceSetting_StopsStartUp_WithAMessageNamingTheKey(string key, string value, string named)
    {
        var directory = Directory.CreateTempSubdirectory("edgeagent-host-").FullName;
        var settings = RunningAgent.Settings(directory, "hh-1");
        settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningAgent.StartAsync(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
