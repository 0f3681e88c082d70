namespace EdgeAgent.Governance;

/// <summary>Turns one configured row into a <see cref="DecisionRight"/>, or says what is wrong with it, naming the key.</summary>
internal static class RightsValidator
{
    public static readonly TimeSpan DefaultApprovalTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxApprovalTimeout = TimeSpan.FromDays(7);

    public static DecisionRight? Build(DecisionRightOptions options, string key, List<string> problems)
    {
        var before = problems.Count;
        var mode = ParseMode(options.Mode, $"{key}:Mode", problems, required: true);
        CheckThreshold(options.MinConfidence, $"{key}:MinConfidence", problems);
        var timeout = options.ApprovalTimeout ?? DefaultApprovalTimeout;
        if (timeout <= TimeSpan.Zero || timeout > MaxApprovalTimeout)
        {
            problems.Add($"{key}:ApprovalTimeout must be more than zero and at most 7 days, not {timeout}");
        }

        var onTimeout = TimeoutOutcome.Reject;
        if (options.OnTimeout is not null && !TryParse(options.OnTimeout, out onTimeout))
        {
            problems.Add($"{key}:OnTimeout must be Reject or Approve, not '{options.OnTimeout}'");
        }

        var scopes = new List<DecisionScope>();
        for (var i = 0; i < (options.Scopes?.Count ?? 0); i++)
        {
            if (BuildScope(options.Scopes![i], $"{key}:Scopes:{i}", problems) is { } scope)
            {
                CheckContradiction(scopes, scope, $"{key}:Scopes", i, problems);
                scopes.Add(scope);
            }
        }

        return problems.Count > before ? null : new DecisionRight
        {
            Mode = mode!.Value,
            MinConfidence = options.MinConfidence ?? 0,
            ApprovalTimeout = timeout,
            OnTimeout = onTimeout,
            Scopes = scopes,
        };
    }

    private static DecisionScope? BuildScope(DecisionScopeOptions? options, string key, List<string> problems)
    {
        if (options is null)
        {
            problems.Add($"{key}: the scope is empty");
            return null;
        }

        var before = problems.Count;
        var mode = ParseMode(options.Mode, $"{key}:Mode", problems, required: true);
        CheckThreshold(options.MinConfidence, $"{key}:MinConfidence", problems);
        if (options.MinOrderValue < 0)
        {
            problems.Add($"{key}:MinOrderValue must not be negative");
        }

        if (string.IsNullOrWhiteSpace(options.Zone) && string.IsNullOrWhiteSpace(options.CustomerTier) && options.MinOrderValue is null && options.Regulated is null)
        {
            problems.Add($"{key}: the scope names no condition (Zone, CustomerTier, MinOrderValue or Regulated); set the right's own Mode instead");
        }

        return problems.Count > before ? null : new DecisionScope
        {
            Zone = Blank(options.Zone),
            CustomerTier = Blank(options.CustomerTier),
            MinOrderValue = options.MinOrderValue,
            Regulated = options.Regulated,
            Mode = mode!.Value,
            MinConfidence = options.MinConfidence,
        };
    }

    private static void CheckContradiction(List<DecisionScope> earlier, DecisionScope scope, string key, int index, List<string> problems)
    {
        for (var j = 0; j < earlier.Count; j++)
        {
            var other = earlier[j];
            var sameConditions = string.Equals(other.Zone, scope.Zone, StringComparison.OrdinalIgnoreCase)
                && string.Equals(other.CustomerTier, scope.CustomerTier, StringComparison.OrdinalIgnoreCase)
                && other.MinOrderValue == scope.MinOrderValue && other.Regulated == scope.Regulated;
            if (sameConditions && (other.Mode != scope.Mode || other.MinConfidence != scope.MinConfidence))
            {
                problems.Add($"{key}:{index} contradicts {key}:{j}: the same conditions ({scope.Describe()}) with a different mode or threshold");
            }
        }
    }

    private static DecisionMode? ParseMode(string? text, string key, List<string> problems, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                problems.Add($"{key} is required: Automated, Assisted or HumanOnly");
            }

            return null;
        }

        if (TryParse(text, out DecisionMode mode))
        {
            return mode;
        }

        problems.Add($"{key} must be Automated, Assisted or HumanOnly, not '{text}'");
        return null;
    }

    private static void CheckThreshold(double? value, string key, List<string> problems)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1))
        {
            problems.Add(FormattableString.Invariant($"{key} must be between 0 and 1, not {v}"));
        }
    }

    private static bool TryParse<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
