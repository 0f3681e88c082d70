using EdgeAgent.Governance;

namespace EdgeAgent.Tests.Governance;

public sealed class RightsMatrixTests
{
    private static IReadOnlyList<string> Problems(string action, DecisionRightOptions row)
    {
        RightsMatrix.TryCreate(new Dictionary<string, DecisionRightOptions?> { [action] = row }, "Governance:Rights", out var problems);
        return problems;
    }

    [Fact]
    public void Defaults_SuitADc_RoutineMovesAutomated_CustomerImpactAssistedOrHumanOnly()
    {
        var matrix = RightsMatrix.TryCreate(null, "Governance:Rights", out var problems)!;

        Assert.Empty(problems);
        Assert.Equal((DecisionMode.Automated, 0.5), (matrix.For(ActionTypes.TaskAssign).Mode, matrix.For(ActionTypes.TaskAssign).MinConfidence));
        Assert.Equal((DecisionMode.Automated, 0.8), (matrix.For(ActionTypes.TaskReassign).Mode, matrix.For(ActionTypes.TaskReassign).MinConfidence));
        Assert.Equal(DecisionMode.Assisted, matrix.For(ActionTypes.ItemSubstitute).Mode);
        Assert.Equal(DecisionMode.Assisted, matrix.For(ActionTypes.ShipmentSplit).Mode);
        Assert.Equal(DecisionMode.HumanOnly, matrix.For(ActionTypes.OrderHold).Mode);
        Assert.Equal(ActionTypes.All.Count, matrix.Rights.Count);
    }

    [Theory]
    [InlineData("task.teleport", "Automated", 0.5, "Governance:Rights:task.teleport: 'task.teleport' is not an action type")]
    [InlineData("task.reassign", "Sometimes", 0.5, "Governance:Rights:task.reassign:Mode must be Automated, Assisted or HumanOnly, not 'Sometimes'")]
    [InlineData("task.reassign", null, 0.5, "Governance:Rights:task.reassign:Mode is required")]
    [InlineData("task.reassign", "Automated", 1.5, "Governance:Rights:task.reassign:MinConfidence must be between 0 and 1, not 1.5")]
    [InlineData("task.reassign", "Automated", -0.1, "Governance:Rights:task.reassign:MinConfidence must be between 0 and 1")]
    public void MalformedRow_IsRefused_WithAMessageNamingTheKey(string action, string? mode, double threshold, string expected)
    {
        var problems = Problems(action, new DecisionRightOptions { Mode = mode, MinConfidence = threshold });

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ContradictoryScopes_AreRefused_NamingBothScopes()
    {
        var problems = Problems(ActionTypes.TaskReassign, new DecisionRightOptions
        {
            Mode = "Automated",
            Scopes =
            [
                new DecisionScopeOptions { Zone = "A", Mode = "Automated" },
                new DecisionScopeOptions { Zone = "a", Mode = "HumanOnly" },
            ],
        });

        Assert.Equal("Governance:Rights:task.reassign:Scopes:1 contradicts Governance:Rights:task.reassign:Scopes:0: the same conditions (Zone=a) with a different mode or threshold", Assert.Single(problems));
    }

    [Fact]
    public void ScopeWithoutConditions_OrWithABadThreshold_IsRefused()
    {
        var problems = Problems(ActionTypes.TaskReassign, new DecisionRightOptions
        {
            Mode = "Automated",
            Scopes = [new DecisionScopeOptions { Mode = "Assisted" }, new DecisionScopeOptions { Zone = "B", Mode = "Automated", MinConfidence = 2 }],
        });

        Assert.Contains(problems, p => p.StartsWith("Governance:Rights:task.reassign:Scopes:0: the scope names no condition", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Governance:Rights:task.reassign:Scopes:1:MinConfidence must be between 0 and 1", StringComparison.Ordinal));
    }

    [Fact]
    public void EqualSpecificity_GoesToTheStricterMode()
    {
        var matrix = RightsMatrix.TryCreate(new Dictionary<string, DecisionRightOptions?>
        {
            [ActionTypes.ItemSubstitute] = new()
            {
                Mode = "Assisted",
                Scopes = [new() { Zone = "A", Mode = "Automated" }, new() { Regulated = true, Mode = "HumanOnly" }],
            },
        }, "Governance:Rights", out _)!;

        var applied = matrix.For(ActionTypes.ItemSubstitute).Resolve(new ScopeFacts { Zone = "A", Regulated = true });

        Assert.Equal((DecisionMode.HumanOnly, "Regulated=true"), (applied.Mode, applied.Scope));
    }

    [Fact]
    public void ConfiguredMatrix_RoundTripsThroughTheAdminShape()
    {
        var matrix = RightsMatrix.TryCreate(new Dictionary<string, DecisionRightOptions?>
        {
            [ActionTypes.CartonDivert] = new() { Mode = "Assisted", MinConfidence = 0.3, Scopes = [new() { MinOrderValue = 500, Mode = "HumanOnly" }] },
        }, "x", out _)!;

        var again = RightsMatrix.TryCreate(matrix.ToOptions().ToDictionary(r => r.Key, r => (DecisionRightOptions?)r.Value), "x", out var problems)!;

        Assert.Empty(problems);
        Assert.Equal(matrix.For(ActionTypes.CartonDivert).Scopes, again.For(ActionTypes.CartonDivert).Scopes);
    }
}
