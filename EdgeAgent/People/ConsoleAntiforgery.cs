using System.Security.Cryptography;
using System.Text;

namespace EdgeAgent.People;

/// <summary>
/// Refuses a state-changing request authenticated by the session cookie unless it carries the session's token in
/// <c>X-CSRF-Token</c> (403 <c>{"error":"antiforgery"}</c>). Bearer-token requests carry no ambient credential and
/// are exempt, as is signing in (it has no session yet).
/// </summary>
public sealed class ConsoleAntiforgery(RequestDelegate next)
{
    public const string Header = "X-CSRF-Token";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !ConsoleAuthentication.ByCookie(context.User)
            || (HttpMethods.IsPost(request.Method) && request.Path.Equals(SessionEndpoints.Path, StringComparison.Ordinal)))
        {
            return next(context);
        }

        var expected = context.User.FindFirst(SessionBook.CsrfClaim)?.Value;
        var given = request.Headers[Header].ToString();
        if (expected is null || given.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given)))
        {
            return ConsoleAuthentication.Answer(context.Response, StatusCodes.Status403Forbidden, "antiforgery");
        }

        return next(context);
    }
}
