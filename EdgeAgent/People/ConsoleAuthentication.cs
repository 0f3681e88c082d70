using System.Security.Claims;
using EdgeAgent.Governance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EdgeAgent.People;

/// <summary>The authentication schemes of the console and the API, and the JSON answers they give instead of redirects.</summary>
public static class ConsoleAuthentication
{
    /// <summary>The default scheme: a bearer token when the request has an <c>Authorization</c> header, else the session cookie.</summary>
    public const string Scheme = "EdgeAgent";

    /// <summary>The session cookie's scheme and the cookie's name.</summary>
    public const string CookieScheme = "EdgeAgent.Session";

    public const string SignInPath = "/signin";

    /// <summary>True for a request authenticated by the session cookie (an ambient credential, so it needs the anti-forgery token).</summary>
    public static bool ByCookie(ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };

    internal static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 ? OperatorAuthenticationHandler.SchemeName : CookieScheme;

    internal static void Configure(CookieAuthenticationOptions cookie, PeopleOptions people, SessionBook sessions)
    {
        cookie.Cookie.Name = CookieScheme;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.Path = "/";
        cookie.Cookie.IsEssential = true;
        cookie.ExpireTimeSpan = TimeSpan.FromMinutes(people.IdleMinutes);
        cookie.SlidingExpiration = true;
        cookie.LoginPath = SignInPath;
        cookie.Events.OnRedirectToLogin = context =>
        {
            if (IsApi(context.Request))
            {
                return Answer(context.Response, StatusCodes.Status401Unauthorized, "unauthenticated");
            }

            context.Response.Redirect(SignInPath);
            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context => Answer(context.Response, StatusCodes.Status403Forbidden, "forbidden");
        cookie.Events.OnRedirectToLogout = context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            // The cookie only names a session: a signed-out, ended or changed person's session is gone from the book.
            if (sessions.Find(context.Principal?.FindFirstValue(SessionBook.SessionClaim)) is { } live)
            {
                context.ReplacePrincipal(live.Principal(CookieScheme));
                return;
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        };
    }

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    /// <summary>Writes <c>{"error": code}</c> with <paramref name="status"/>.</summary>
    public static Task Answer(HttpResponse response, int status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { error = code });
    }
}
