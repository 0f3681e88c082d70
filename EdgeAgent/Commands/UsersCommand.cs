using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.People;
using EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent users add|list|remove|set-password</c>: the console's people in the agent's store, while the agent is
/// stopped (the store is one process's at a time). The password comes from standard input (<c>--password-stdin</c>)
/// or a prompt that does not echo. Each change is audited by the agent when it next starts.
/// Exit codes: 0 done, 2 usage or refused, 3 the store is in use or unreadable.
/// </summary>
public static class UsersCommand
{
    public const int Done = 0;
    public const int Usage = 2;
    public const int StoreUnavailable = 3;

    private const string UsageText = "Usage: EdgeAgent users add --name <name> --role viewer|supervisor|admin [--password-stdin] [--data-dir <dir>] [--config FILE]\n"
        + "       EdgeAgent users set-password --name <name> [--password-stdin] [--data-dir <dir>] [--config FILE]\n"
        + "       EdgeAgent users remove --name <name> [--data-dir <dir>] [--config FILE]\n"
        + "       EdgeAgent users list [--data-dir <dir>] [--config FILE]\n"
        + "Run it while the agent is stopped (systemctl stop edgeagent); the password is read from standard input with --password-stdin, else prompted for.";

    private static readonly HashSet<string> Names = ["--name", "--role", "--data-dir", "--config"];
    private static readonly HashSet<string> Flags = ["--password-stdin"];

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        RunAsync(args, input, output, error, interactive: !Console.IsInputRedirected && ReferenceEquals(input, Console.In));

    internal static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["users", var verb, .. var rest] || verb is not ("add" or "list" or "remove" or "set-password")
            || CommandArguments.Parse(rest, Names, Flags) is not { } parsed
            || (verb != "list" && parsed["--name"] is null)
            || (verb == "add") != (parsed["--role"] is not null))
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        var name = parsed["--name"];
        if (name is not null && PeopleBook.NameProblem(name) is { } badName)
        {
            await error.WriteLineAsync(badName);
            return Usage;
        }

        PersonRole role = default;
        if (verb == "add" && (!Enum.TryParse(parsed["--role"], ignoreCase: true, out role) || !Enum.IsDefined(role) || char.IsDigit(parsed["--role"]![0])))
        {
            await error.WriteLineAsync($"'{parsed["--role"]}' is not a role: use viewer, supervisor or admin");
            return Usage;
        }

        var configuration = SiteConfiguration.Load(parsed["--config"]);
        var people = configuration.GetSection(PeopleOptions.Section).Get<PeopleOptions>() ?? new PeopleOptions();
        string? hash = null;
        if (verb is "add" or "set-password")
        {
            var password = parsed.Has("--password-stdin") ? await input.ReadLineAsync() : interactive ? Prompt() : null;
            hash = await HashNewPasswordAsync(password, parsed.Has("--password-stdin") || interactive, people, error,
                "No terminal to prompt on: pass the password on standard input with --password-stdin.");
            if (hash is null)
            {
                return Usage;
            }
        }

        var directory = parsed["--data-dir"] ?? configuration.GetSection(StoreOptions.SectionName)[nameof(StoreOptions.DataDirectory)] ?? new StoreOptions().DataDirectory;
        return await WithStoreAsync(directory, error, store => Apply(store, verb, name, role, hash, output, error));
    }

    private static async Task<int> Apply(DurableStore store, string verb, string? name, PersonRole role, string? hash, TextWriter output, TextWriter error)
    {
        var now = DateTime.UtcNow;
        var by = "cli:" + Environment.UserName;
        if (verb == "list")
        {
            var list = store.Read(PeopleBook.List);
            foreach (var person in list)
            {
                await output.WriteLineAsync($"{person.Name}\t{person.Role.ToString().ToLowerInvariant()}\tchanged {person.ChangedAt.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
            }

            if (list.Count == 0)
            {
                await output.WriteLineAsync("Nobody can sign in yet: EdgeAgent users add --name <name> --role admin");
            }

            return Done;
        }

        var (change, problem) = await store.WriteAsync(db =>
        {
            var result = verb switch
            {
                "add" => PeopleBook.Add(db, name!, role, hash!, now, by),
                "remove" => PeopleBook.Remove(db, name!, now, by),
                _ => PeopleBook.SetPassword(db, name!, hash!, now, by),
            };
            if (result.Change is { } made)
            {
                new PeopleCollections(db).Changes.Insert(made);
            }

            return result;
        });
        if (problem is not null)
        {
            await error.WriteLineAsync($"Refused: {problem}.");
            return Usage;
        }

        await output.WriteLineAsync(verb switch
        {
            "add" => $"Added {change!.Name} ({change.Role}). Start the agent and sign in at http(s)://<gateway>:<web port>/signin.",
            "remove" => $"Removed {change!.Name}; their sessions ended.",
            _ => $"Changed the password of {change!.Name}; their sessions ended.",
        });
        return Done;
    }

    internal static async Task<int> WithStoreAsync(string directory, TextWriter error, Func<DurableStore, Task<int>> work)
    {
        DurableStore store;
        try
        {
            store = DurableStore.Open(new StoreOptions { DataDirectory = directory }, NullLogger<DurableStore>.Instance, documents: PeopleCollections.Documents);
        }
        catch (DataDirectoryLockedException ex)
        {
            await error.WriteLineAsync($"The store in {Path.GetFullPath(directory)} is in use (is the agent running?). Stop it first: systemctl stop edgeagent, run this again, then start it. ({ex.Message})");
            return StoreUnavailable;
        }
        catch (Exception ex) when (ex is StoreDamagedException or StoreTooNewException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot open the store in {Path.GetFullPath(directory)}: {ex.Message}");
            return StoreUnavailable;
        }

        await using (store)
        {
            return await work(store);
        }
    }

    /// <summary>
    /// Checks a new console password and hashes it; null, with the reason written to <paramref name="error"/>, when
    /// there was no way to ask for one (<paramref name="couldAsk"/> false) or it is refused.
    /// </summary>
    internal static async Task<string?> HashNewPasswordAsync(string? password, bool couldAsk, PeopleOptions people, TextWriter error, string noTerminal)
    {
        if (password is null && !couldAsk)
        {
            await error.WriteLineAsync(noTerminal);
            return null;
        }

        if (PeopleBook.PasswordProblem(password) is { } badPassword)
        {
            await error.WriteLineAsync($"Refused: {badPassword}.");
            return null;
        }

        return PasswordHash.Create(password!, Math.Clamp(people.PasswordIterations, 10_000, 5_000_000));
    }

    internal static string? Prompt()
    {
        Console.Error.Write("Password: ");
        var first = ReadHidden();
        Console.Error.Write("Again: ");
        var second = ReadHidden();
        if (first != second)
        {
            Console.Error.WriteLine("The two passwords differ.");
            return null;
        }

        return first;
    }

    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
