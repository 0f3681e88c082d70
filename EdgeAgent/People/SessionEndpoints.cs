using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace EdgeAgent.People;

/// <summary>Signing in and out of the console (<c>/api/session</c>) and the sign-in page (<c>/signin</c>).</summary>
public static class SessionEndpoints
{
    public const string Path = "/api/session";
    private const int MaxBody = 4096;

    /// <summary>The body of a sign-in.</summary>
    public sealed record SignInBody(string? Name, string? Password);

    public static WebApplication MapSessionEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var page = LoadPage();
        app.MapGet(ConsoleAuthentication.SignInPath, () => Results.Bytes(page, "text/html; charset=utf-8")).AllowAnonymous();
        app.MapPost(Path, SignInAsync).AllowAnonymous();
        app.MapGet(Path, (HttpContext http) => http.User.Identity?.IsAuthenticated == true
            ? Results.Json(View(http.User))
            : Results.Json(new { error = "unauthenticated" }, statusCode: StatusCodes.Status401Unauthorized)).AllowAnonymous();
        app.MapDelete(Path, async (HttpContext http, ConsoleSignIn console, CancellationToken ct) =>
        {
            if (http.User.FindFirstValue(SessionBook.SessionClaim) is { } session)
            {
                await console.SignOutAsync(session, ct);
            }

            await http.SignOutAsync(ConsoleAuthentication.CookieScheme);
            return Results.NoContent();
        }).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ConsoleSignIn console, CancellationToken ct)
    {
        // JSON only: a cross-site form cannot send it without a preflight, so nobody is signed in by another site.
        var raw = http.Request.HasJsonContentType() && http.Request.ContentLength is null or <= MaxBody ? await ReadAtMostAsync(http.Request.Body, MaxBody, ct) : null;
        if (raw is null)
        {
            return Results.Json(new { error = "bad-request", detail = $"send Content-Type: application/json with {{\"name\":\"…\",\"password\":\"…\"}} (at most {MaxBody} bytes)" }, statusCode: StatusCodes.Status400BadRequest);
        }

        SignInBody? body;
        try
        {
            body = JsonSerializer.Deserialize<SignInBody>(raw, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is not { Name.Length: > 0, Password.Length: > 0 and <= PeopleBook.MaxPasswordLength })
        {
            return Results.Json(new { error = "bad-request", detail = "the body is {\"name\":\"…\",\"password\":\"…\"}" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = await console.SignInAsync(body.Name, body.Password!, http.Connection.RemoteIpAddress?.ToString(), ct);
        switch (outcome.Status)
        {
            case SignInStatus.TooManyAttempts:
                var seconds = (int)Math.Ceiling(Math.Max(1, outcome.RetryAfter?.TotalSeconds ?? 1));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Results.Json(new { error = "too-many-attempts", retryAfterSeconds = seconds }, statusCode: StatusCodes.Status429TooManyRequests);
            case SignInStatus.BadCredentials:
                return Results.Json(new { error = "bad-credentials" }, statusCode: StatusCodes.Status401Unauthorized);
            default:
                var principal = outcome.Session!.Principal(ConsoleAuthentication.CookieScheme);
                await http.SignInAsync(ConsoleAuthentication.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
                return Results.Json(View(principal));
        }
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes (read no further).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int max, CancellationToken ct)
    {
        var buffer = new byte[max + 1];
        var total = 0;
        int read;
        while (total <= max && (read = await body.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }

        return total > max ? null : buffer[..total];
    }

    private static object View(ClaimsPrincipal user) => new
    {
        name = user.Identity?.Name,
        role = user.FindFirstValue(ClaimTypes.Role)?.ToLowerInvariant(),
        csrf = user.FindFirstValue(SessionBook.CsrfClaim),
    };

    private static byte[] LoadPage()
    {
        using var stream = typeof(SessionEndpoints).Assembly.GetManifestResourceStream("EdgeAgent.Web.signin.html")
            ?? throw new InvalidOperationException("The sign-in page is missing from the assembly's resources");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
