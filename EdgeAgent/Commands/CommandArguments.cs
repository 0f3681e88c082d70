namespace EdgeAgent.Commands;

/// <summary>The <c>--name value</c> pairs and bare <c>--flag</c>s after a command's verbs.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandArguments()
    {
    }

    /// <summary>Null when an argument is not one of <paramref name="names"/> or <paramref name="flags"/>, or a name lacks its value.</summary>
    public static CommandArguments? Parse(ReadOnlySpan<string> args, IReadOnlySet<string> names, IReadOnlySet<string> flags)
    {
        var parsed = new CommandArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            if (flags.Contains(name) && inline is null)
            {
                parsed._flags.Add(name);
            }
            else if (names.Contains(name) && (inline ?? (i + 1 < args.Length ? args[++i] : null)) is { Length: > 0 } value)
            {
                parsed._values[name] = value;
            }
            else
            {
                return null;
            }
        }

        return parsed;
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);
}
