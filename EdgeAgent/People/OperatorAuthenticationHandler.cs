using System.Security.Claims;
using System.Text.Encodings.Web;
using EdgeAgent.Governance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EdgeAgent.People;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the configured operators; the operator's name becomes
/// the audit actor. A client that keeps sending unknown tokens is slowed like a failed sign-in: its next unknown token
/// is refused (429) without running the slow hash.
/// </summary>
public sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorDirectory operators, SignInThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Operator";
    private const string Bearer = "Bearer ";
    private const string ThrottledItem = "edgeagent:bearer-throttled";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("Authorization must be a Bearer token"));
        }

        var key = SignInThrottle.Bearer(Context.Connection.RemoteIpAddress?.ToString());
        var op = operators.Find(header[Bearer.Length..].Trim(), () => throttle.RetryAfter(key) is null, out var deferred);
        if (deferred)
        {
            Context.Items[ThrottledItem] = throttle.RetryAfter(key) ?? TimeSpan.FromSeconds(1);
            return Task.FromResult(AuthenticateResult.Fail("Too many unknown tokens from this client"));
        }

        if (op is null)
        {
            throttle.Failed(key);
            return Task.FromResult(AuthenticateResult.Fail("The token belongs to no operator"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, op.Name), new Claim(ClaimTypes.Role, op.Role.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ConsoleAuthentication.Answer(Response, StatusCodes.Status429TooManyRequests, "too-many-attempts");
        }

        Response.Headers.WWWAuthenticate = "Bearer realm=\"edgeagent\"";
        return ConsoleAuthentication.Answer(Response, StatusCodes.Status401Unauthorized, "unauthenticated");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ConsoleAuthentication.Answer(Response, StatusCodes.Status403Forbidden, "forbidden");
}
