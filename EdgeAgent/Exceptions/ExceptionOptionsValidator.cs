using Microsoft.Extensions.Options;

namespace EdgeAgent.Exceptions;

/// <summary>Checks the classification table at start-up; each failure names its configuration key.</summary>
internal sealed class ExceptionOptionsValidator : IValidateOptions<ExceptionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExceptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var teams = new HashSet<string>(options.Teams, StringComparer.Ordinal);
        if (options.Teams.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Exceptions:Teams must not contain empty names");
        }

        foreach (var (type, row) in options.Types)
        {
            var key = $"{ExceptionOptions.Section}:Types:{type}";
            if (!teams.Contains(row.Team))
            {
                failures.Add($"{key}:Team '{row.Team}' is not one of Exceptions:Teams ({string.Join(", ", options.Teams)})");
            }

            if (row.Sla <= TimeSpan.Zero)
            {
                failures.Add($"{key}:Sla must be positive, got {row.Sla}");
            }

            if (row.Threshold < 1)
            {
                failures.Add($"{key}:Threshold must be at least 1, got {row.Threshold}");
            }

            if (!Enum.IsDefined(row.Severity))
            {
                failures.Add($"{key}:Severity must be one of {string.Join(", ", Enum.GetNames<ExceptionSeverity>())}");
            }
        }

        if (!options.ResolutionCodes.Contains(ExceptionOptions.AutoCleared, StringComparer.Ordinal))
        {
            failures.Add($"Exceptions:ResolutionCodes must include '{ExceptionOptions.AutoCleared}' (clearing events resolve with it)");
        }

        CheckPositive(failures, "Exceptions:SweepInterval", options.SweepInterval);
        CheckPositive(failures, "Exceptions:Bridge:PollInterval", options.Bridge.PollInterval);
        CheckPositive(failures, "Exceptions:Bridge:UnreachableAfter", options.Bridge.UnreachableAfter);
        CheckPositive(failures, "Exceptions:Bridge:MaxUnackedAge", options.Bridge.MaxUnackedAge);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be positive, got {value}");
        }
    }
}
