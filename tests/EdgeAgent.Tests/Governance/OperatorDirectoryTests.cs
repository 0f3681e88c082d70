using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Governance;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Governance;

public sealed class OperatorDirectoryTests
{
    private readonly OperatorDirectory _directory;

    public OperatorDirectoryTests()
    {
        var options = new GovernanceOptions();
        options.Operators["sam"] = new OperatorOptions { Role = "Supervisor", TokenHash = PasswordHash.Create("sam-token", PasswordHash.MinimumIterations) };
        options.Operators["ada"] = new OperatorOptions { Role = "Admin", TokenHash = PasswordHash.Create("ada-token", PasswordHash.MinimumIterations) };
        _directory = new OperatorDirectory(Options.Create(options));
    }

    [Fact]
    public void KnownToken_IsTheOperator_AndIsCheckedSlowlyOnce()
    {
        var first = _directory.Find("ada-token");
        var again = _directory.Find("ada-token");

        Assert.Equal(new OperatorDirectory.Identity("ada", OperatorRole.Admin), first);
        Assert.Equal(first, again);
        Assert.Equal(1, _directory.SlowChecks);
    }

    [Fact]
    public void RepeatedBadToken_IsRefused_AndCostsTheSlowChecksOnlyOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(_directory.Find("guess-1"));
        }

        Assert.Null(_directory.Find("guess-2"));
        Assert.Equal(2, _directory.SlowChecks);
        Assert.Equal("sam", _directory.Find("sam-token")?.Name);
    }
}
