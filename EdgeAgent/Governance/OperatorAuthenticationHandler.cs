using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Governance;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the configured operators; the operator's name becomes the audit actor.</summary>
public sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorDirectory operators)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Operator";
    private const string Bearer = "Bearer ";

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

        if (operators.Find(header[Bearer.Length..].Trim()) is not { } op)
        {
            return Task.FromResult(AuthenticateResult.Fail("The token belongs to no operator"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, op.Name), new Claim(ClaimTypes.Role, op.Role.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"edgeagent\"";
        return Task.CompletedTask;
    }
}
