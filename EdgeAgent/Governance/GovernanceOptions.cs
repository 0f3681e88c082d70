using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Governance;

/// <summary>Decision rights and the operators allowed to act on them (section <c>Governance</c>).</summary>
public sealed class GovernanceOptions : IValidatableObject
{
    public const string Section = "Governance";

    /// <summary>Rows that replace the defaults of <see cref="RightsMatrix.Defaults"/>, by action type.</summary>
    public Dictionary<string, DecisionRightOptions> Rights { get; } = new(StringComparer.Ordinal);

    /// <summary>Operators by name.</summary>
    public Dictionary<string, OperatorOptions> Operators { get; } = new(StringComparer.Ordinal);

    /// <summary>The configured matrix; start-up validation guarantees it builds.</summary>
    public RightsMatrix Matrix() =>
        RightsMatrix.TryCreate(Rights.ToDictionary(r => r.Key, r => (DecisionRightOptions?)r.Value), Section + ":Rights", out var problems)
        ?? throw new InvalidOperationException(string.Join("; ", problems));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        RightsMatrix.TryCreate(Rights.ToDictionary(r => r.Key, r => (DecisionRightOptions?)r.Value), Section + ":Rights", out var problems);
        foreach (var problem in problems)
        {
            yield return new ValidationResult(problem, [nameof(Rights)]);
        }

        foreach (var (name, op) in Operators)
        {
            var key = $"{Section}:Operators:{name}";
            if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                yield return new ValidationResult($"{key}: an operator name is 1-64 letters, digits, '.', '-' or '_'", [nameof(Operators)]);
            }

            if (!Enum.TryParse<OperatorRole>(op.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || char.IsDigit(op.Role![0]))
            {
                yield return new ValidationResult($"{key}:Role must be Viewer, Supervisor, Admin or Integration, not '{op.Role}'", [nameof(Operators)]);
            }

            if (!PasswordHash.IsWellFormed(op.TokenHash))
            {
                yield return new ValidationResult($"{key}:TokenHash is not a token hash; make one with `echo -n <token> | EdgeAgent hash-password`", [nameof(Operators)]);
            }
        }
    }
}
