using System.Security.Claims;
using System.Text.Json;
using EdgeAgent.Governance;

namespace EdgeAgent.Governance;

/// <summary>What the operator endpoints share: reading a body with a specific 400, and mapping a governance result to HTTP.</summary>
internal static class GovernanceHttp
{
    public static string Actor(ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("An operator endpoint ran without an authenticated operator");

    public static IResult ToHttp(GovernanceResult result) => result.Status switch
    {
        GovernanceStatus.Ok => Results.Json(result.Value, GovernanceJsonOptions),
        GovernanceStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Problem),
        GovernanceStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided or no longer applicable; nothing changed", detail: result.Problem),
        _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused; nothing changed", detail: result.Problem),
    };

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty body is the default when <paramref name="optional"/>.</summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request, bool optional, CancellationToken ct)
        where T : class
    {
        if (optional && request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, GovernanceJsonOptions, ct);
            return body is null && !optional ? (null, BadRequest("The body is empty; a JSON object is required")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"The body is not valid JSON for this request: {ex.Message}"));
        }
    }

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused; nothing changed", detail: detail);

    public static JsonSerializerOptions GovernanceJsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
