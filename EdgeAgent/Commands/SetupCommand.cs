using System.Globalization;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.People;
using EdgeAgent.Storage;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent setup --admin NAME [--handhelds N] [--scanners N] [--printers N] [--iolink N] …</c>: the first run of a
/// site, on a stopped agent. Creates the console's first admin (password prompted, from standard input, or generated),
/// adds the device credentials to the site file (<c>hh-1…</c>, <c>sc-1…</c>, <c>pr-1…</c>, <c>io-1…</c>, as
/// <c>devices add --write</c> does) and prints what to put on each device. Refused once any admin exists; then
/// <c>users add</c> and <c>devices add</c> are the tools. Exit codes: 0 done, 2 usage or refused, 3 store unavailable.
/// </summary>
public static class SetupCommand
{
    public const int Done = 0;
    public const int Usage = 2;

    private const string UsageText = "Usage: EdgeAgent setup --admin <name> [--password-stdin | --generate-password]\n"
        + "                       [--handhelds N] [--scanners N] [--printers N] [--iolink N] [--host <broker host devices use>]\n"
        + "                       [--config FILE] [--data-dir DIR]\n"
        + "First run, with the agent stopped: creates the first console admin, adds hh-1…hh-N, sc-1…, pr-1…, io-1… to the site file\n"
        + "(--config, else EDGEAGENT_CONFIG, else /etc/edgeagent/edgeagent.json) and prints what to set on each device.";

    /// <summary>Each device kind's option and the prefix of its ids.</summary>
    private static readonly (string Option, string Kind, string Prefix)[] Families =
        [("--handhelds", "handheld", "hh"), ("--scanners", "scanner", "sc"), ("--printers", "printer", "pr"), ("--iolink", "iolink", "io")];

    private static readonly HashSet<string> Names = ["--admin", "--handhelds", "--scanners", "--printers", "--iolink", "--host", "--config", "--data-dir"];
    private static readonly HashSet<string> Flags = ["--password-stdin", "--generate-password"];

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        RunAsync(args, input, output, error, interactive: !Console.IsInputRedirected && ReferenceEquals(input, Console.In));

    internal static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["setup", .. var rest]
            || CommandArguments.Parse(rest, Names, Flags) is not { } parsed
            || parsed["--admin"] is not { } admin
            || (parsed.Has("--password-stdin") && parsed.Has("--generate-password")))
        {
            await error.WriteLineAsync(UsageText);
            return Usage;
        }

        if (PeopleBook.NameProblem(admin) is { } badName)
        {
            await error.WriteLineAsync(badName);
            return Usage;
        }

        var devices = new List<NewDevice>();
        foreach (var (option, kind, prefix) in Families)
        {
            if (!TryCount(parsed[option], out var count))
            {
                await error.WriteLineAsync($"{option} takes a number of devices, 0-500 (got '{parsed[option]}').");
                return Usage;
            }

            devices.AddRange(Enumerable.Range(1, count).Select(i => new NewDevice(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}"), DeviceKind.All[kind], DevicesCommand.NewPassword())));
        }

        var configuration = SiteConfiguration.Load(parsed["--config"]);
        var people = configuration.GetSection(PeopleOptions.Section).Get<PeopleOptions>() ?? new PeopleOptions();
        var generated = parsed.Has("--generate-password");
        var password = generated ? PeopleBook.NewSecret()
            : parsed.Has("--password-stdin") ? await input.ReadLineAsync()
            : interactive ? UsersCommand.Prompt()
            : null;
        var hash = await UsersCommand.HashNewPasswordAsync(password, generated || parsed.Has("--password-stdin") || interactive, people, error,
            "No terminal to prompt on: pass the admin's password on standard input with --password-stdin, or use --generate-password.");
        if (hash is null)
        {
            return Usage;
        }
        var directory = parsed["--data-dir"] ?? configuration.GetSection(StoreOptions.SectionName)[nameof(StoreOptions.DataDirectory)] ?? new StoreOptions().DataDirectory;
        var file = SiteConfiguration.SiteFile(parsed["--config"]);
        return await UsersCommand.WithStoreAsync(directory, error, async store =>
        {
            // Checked with the store held, before anything changes: setup is the first run only.
            var everyone = store.Read(PeopleBook.List);
            if (everyone.FirstOrDefault(p => p.Role == PersonRole.Admin) is { } existing)
            {
                await error.WriteLineAsync($"Refused: this site is set up already (admin '{existing.Name}' exists). Nothing was changed. "
                    + "Add people with `EdgeAgent users add` and devices with `EdgeAgent devices add`.");
                return Usage;
            }

            if (everyone.FirstOrDefault(p => p.Id == Person.KeyOf(admin)) is { } taken)
            {
                await error.WriteLineAsync($"Refused: '{taken.Name}' exists already (role {taken.Role.ToString().ToLowerInvariant()}). Nothing was changed; pick another admin name.");
                return Usage;
            }

            if (devices.Count > 0 && SiteFileEditor.AddClients(file, devices) is { } problem)
            {
                await error.WriteLineAsync($"Refused: {problem} The admin was not created.");
                return Usage;
            }

            var (change, refused) = await store.WriteAsync(db =>
            {
                var result = PeopleBook.Add(db, admin, PersonRole.Admin, hash, DateTime.UtcNow, "cli:" + Environment.UserName);
                if (result.Change is { } made)
                {
                    new PeopleCollections(db).Changes.Insert(made);
                }

                return result;
            });
            if (refused is not null)
            {
                await error.WriteLineAsync($"Refused: {refused}.{(devices.Count > 0 ? $" The devices were added to {file} (previous version in {file}.bak)." : "")}");
                return Usage;
            }

            await WriteSheetAsync(output, configuration, change!.Name, generated ? password : null, devices, file, parsed["--host"]);
            return Done;
        });
    }

    private static async Task WriteSheetAsync(TextWriter output, IConfiguration configuration, string admin, string? generatedPassword, List<NewDevice> devices, string file, string? host)
    {
        var url = (configuration["Urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5000";
        url = url.Replace("://0.0.0.0", "://<this gateway's address>", StringComparison.Ordinal).Replace("://*", "://<this gateway's address>", StringComparison.Ordinal)
            .Replace("://+", "://<this gateway's address>", StringComparison.Ordinal);
        await output.WriteLineAsync("# EdgeAgent first run");
        await output.WriteLineAsync();
        await output.WriteLineAsync("[console]");
        await output.WriteLineAsync($"  sign in at     {url}/signin");
        await output.WriteLineAsync($"  admin          {admin}");
        await output.WriteLineAsync(generatedPassword is null ? "  password       (the one you typed)" : $"  password       {generatedPassword}   (shown only here; change it with `EdgeAgent users set-password --name {admin}`)");
        if (devices.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"# Added {devices.Count} device(s) to {file} ({string.Join(", ", devices.GroupBy(d => d.Kind.Name).Select(g => $"{g.Count()} {g.Key}"))}).");
            var site = configuration.GetSection(AgentOptions.Section).Get<AgentOptions>() ?? new AgentOptions();
            var broker = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
            DeviceSheet.Write(output, devices, site, broker, host);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("# Next: EdgeAgent doctor, then start the agent: systemctl start edgeagent");
    }

    private static bool TryCount(string? text, out int count)
    {
        count = 0;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 0 and <= 500);
    }
}
