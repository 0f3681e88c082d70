using EdgeAgent.Audit;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using LiteDB;

namespace EdgeAgent.Commands;

/// <summary>
/// <c>EdgeAgent audit verify [--data-dir &lt;dir&gt;]</c>: verifies the audit chain of a store, stopped or
/// in use by a running agent, from a private copy: it never writes to the data directory.
/// Exit codes: 0 intact, 1 broken, 2 usage or no store, 3 the store could not be copied.
/// </summary>
public static class AuditCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Usage = 2;
    public const int Unreadable = 3;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["audit", "verify", .. var rest] || !TryDataDirectory(rest, out var directory))
        {
            error.WriteLine("Usage: EdgeAgent audit verify [--data-dir <dir>]   (default: the configured Store:DataDirectory)");
            return Usage;
        }

        var options = new StoreOptions { DataDirectory = directory ?? ConfiguredDataDirectory() };
        var path = Path.GetFullPath(options.DatabasePath);
        if (!File.Exists(path))
        {
            error.WriteLine($"There is no store at {path}; pass the agent's data directory with --data-dir.");
            return Usage;
        }

        // A copy, not the original: opening the file would checkpoint it, and a running agent holds the
        // directory. Verifying the copy writes nothing in the data directory and takes no lock there.
        StoreCopy copy;
        try
        {
            copy = StoreCopy.Take(path);
        }
        catch (IOException ex)
        {
            error.WriteLine(ex.Message);
            return Unreadable;
        }

        using (copy)
        {
            StoreFileHeader.EnsureLiteDb(copy.DatabasePath);
            using var db = new LiteDatabase($"Filename={copy.DatabasePath};Connection=direct");
            var result = AuditVerifier.Verify(db);
            (result.Intact ? output : error).WriteLine(result.ToString());
            return result.Intact ? Intact : Broken;
        }
    }

    private static bool TryDataDirectory(string[] rest, out string? directory)
    {
        directory = null;
        return rest switch
        {
            [] => true,
            ["--data-dir", var dir] when !string.IsNullOrWhiteSpace(dir) => (directory = dir) is not null,
            _ => false,
        };
    }

    private static string ConfiguredDataDirectory()
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true);
        AgentHost.AddConfigurationSources(configuration, [], new Dictionary<string, string?>());
        return configuration.GetSection(StoreOptions.SectionName)[nameof(StoreOptions.DataDirectory)] ?? new StoreOptions().DataDirectory;
    }
}
