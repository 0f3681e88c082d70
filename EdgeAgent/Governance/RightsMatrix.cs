namespace EdgeAgent.Governance;

/// <summary>The validated decision-rights matrix: one right per action type.</summary>
public sealed record RightsMatrix
{
    public required IReadOnlyDictionary<string, DecisionRight> Rights { get; init; }

    /// <summary>What a DC starts with: routine moves automated, anything that touches a customer's order assisted or human-only.</summary>
    public static IReadOnlyDictionary<string, DecisionRightOptions> Defaults() => new Dictionary<string, DecisionRightOptions>(StringComparer.Ordinal)
    {
        [ActionTypes.TaskAssign] = Row(DecisionMode.Automated, 0.5),
        [ActionTypes.TaskReassign] = Row(DecisionMode.Automated, 0.8),
        [ActionTypes.PrintReroute] = Row(DecisionMode.Automated, 0.7),
        [ActionTypes.CartonDivert] = Row(DecisionMode.Automated, 0.9),
        [ActionTypes.ExceptionEscalate] = Row(DecisionMode.Automated, 0.6),
        [ActionTypes.ItemSubstitute] = Row(DecisionMode.Assisted, 0.8),
        [ActionTypes.ShipmentSplit] = Row(DecisionMode.Assisted, 0.8),
        [ActionTypes.OrderHold] = Row(DecisionMode.HumanOnly, 1.0),
    };

    public DecisionRight For(string actionType) =>
        Rights.TryGetValue(actionType, out var right)
            ? right
            : throw new ArgumentException($"'{actionType}' is not a governed action type", nameof(actionType));

    /// <summary>
    /// Validates <paramref name="rows"/> (configured rows replace the defaults row by row) and builds the
    /// matrix; on problems returns null and every problem, each naming its key under <paramref name="prefix"/>.
    /// </summary>
    public static RightsMatrix? TryCreate(IReadOnlyDictionary<string, DecisionRightOptions?>? rows, string prefix, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var rights = new Dictionary<string, DecisionRight>(StringComparer.Ordinal);
        foreach (var (action, options) in Defaults())
        {
            rights[action] = RightsValidator.Build(options, $"{prefix}:{action}", found)!;
        }

        foreach (var (action, options) in rows ?? new Dictionary<string, DecisionRightOptions?>())
        {
            var key = $"{prefix}:{action}";
            if (!ActionTypes.All.Contains(action))
            {
                found.Add($"{key}: '{action}' is not an action type; known: {string.Join(", ", ActionTypes.All)}");
                continue;
            }

            if (options is null)
            {
                found.Add($"{key}: the right is empty; give at least its Mode");
                continue;
            }

            if (RightsValidator.Build(options, key, found) is { } right)
            {
                rights[action] = right;
            }
        }

        problems = found;
        return found.Count == 0 ? new RightsMatrix { Rights = rights } : null;
    }

    /// <summary>The matrix in the shape an admin sends it back (round-trips through <see cref="TryCreate"/>).</summary>
    public Dictionary<string, DecisionRightOptions> ToOptions() => Rights.ToDictionary(
        r => r.Key,
        r => new DecisionRightOptions
        {
            Mode = r.Value.Mode.ToString(),
            MinConfidence = r.Value.MinConfidence,
            ApprovalTimeout = r.Value.ApprovalTimeout,
            OnTimeout = r.Value.OnTimeout.ToString(),
            Scopes = [.. r.Value.Scopes.Select(s => new DecisionScopeOptions
            {
                Zone = s.Zone,
                CustomerTier = s.CustomerTier,
                MinOrderValue = s.MinOrderValue,
                Regulated = s.Regulated,
                Mode = s.Mode.ToString(),
                MinConfidence = s.MinConfidence,
            })],
        },
        StringComparer.Ordinal);

    private static DecisionRightOptions Row(DecisionMode mode, double minConfidence) =>
        new() { Mode = mode.ToString(), MinConfidence = minConfidence };
}
