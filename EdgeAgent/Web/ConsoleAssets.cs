using System.Collections.Frozen;

namespace EdgeAgent.Web;

/// <summary>
/// The console's own scripts, styles and vendored libraries, embedded in the assembly (<c>Web/console/</c>,
/// <c>Web/vendor/</c>) and served from <c>/console/…</c> and <c>/vendor/…</c>: the page needs nothing from outside the gateway.
/// </summary>
public static class ConsoleAssets
{
    private const string Prefix = "asset:Web/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".html"] = "text/html; charset=utf-8",
        [""] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    public static WebApplication MapConsoleAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Open to everyone, like the sign-in page that uses them: they hold no floor data.
        app.MapGet("/console/{*path}", (string path, HttpContext context) => Serve("console/" + path, context)).AllowAnonymous();
        app.MapGet("/vendor/{*path}", (string path, HttpContext context) => Serve("vendor/" + path, context)).AllowAnonymous();
        return app;
    }

    /// <summary>An embedded page or asset by its path under <c>Web/</c>, e.g. <c>index.html</c>; null when there is none.</summary>
    public static byte[]? Find(string path) => Files.Value.GetValueOrDefault(path);

    private static IResult Serve(string path, HttpContext context)
    {
        if (Find(path) is not { } bytes)
        {
            // A clear answer, not a bare 404: the path is named (cut short; it is the caller's own text).
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no file '{(path.Length <= 100 ? path : path[..100] + "…")}' among the console's assets");
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return Results.Bytes(bytes, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[name[Prefix.Length..].Replace('\\', '/')] = buffer.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
