using System.Security.Claims;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Governance;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

/// <summary>
/// The handheld web app (<c>/handheld/</c>, not signed in: it proves itself to the broker with its own credentials),
/// its enrolment (<c>POST /handheld/api/enrol</c>), and for supervisors the enrolment page and API.
/// </summary>
public static class HandheldEndpoints
{
    public const string AppPath = "/handheld/";
    public const string EnrolPagePath = "/handhelds/enrol";

    public static WebApplication MapHandheldEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The app's links are relative to /handheld/: without the slash, send the browser there first.
        // The app and its enrolment are open: a handheld has no console sign-in; it proves itself with its one-time
        // code here and with its own credentials at the broker. The enrolment page is static; its calls need a supervisor.
        app.MapGet("/handheld/{file?}", (string? file, HttpRequest request) =>
            file is null && !request.Path.Value!.EndsWith('/') ? Results.Redirect(AppPath + request.QueryString) : ServeFile(file ?? "index.html"))
            .AllowAnonymous();
        app.MapGet("/handheld/api/config", AppConfig).AllowAnonymous();
        app.MapPost("/handheld/api/enrol", RedeemAsync).AllowAnonymous();
        app.MapGet(EnrolPagePath, () => ServeFile("enrol.html")).AllowAnonymous();

        var supervisor = app.MapGroup("/api/handhelds").RequireAuthorization(GovernancePolicies.Supervisor);
        supervisor.MapPost("/enrolments", IssueAsync);
        supervisor.MapGet("/", (HandheldEnrolments enrolments) => Results.Json(enrolments.List().Select(Describe), GovernanceHttp.GovernanceJsonOptions));
        supervisor.MapDelete("/{deviceId}", RevokeAsync);
        return app;
    }

    /// <summary>The body of <c>POST /api/handhelds/enrolments</c>: optionally the id the handheld will get.</summary>
    public sealed record EnrolmentRequest(string? DeviceId);

    /// <summary>The body of <c>POST /handheld/api/enrol</c>.</summary>
    public sealed record RedeemRequest(string? Code);

    private static IResult ServeFile(string file) =>
        HandheldAppFiles.Find(file) is var (content, type)
            ? Results.Bytes(content, type)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no file '{(file.Length <= 100 ? file : file[..100] + "…")}' in the handheld app");

    private static IResult AppConfig(IOptions<AgentOptions> agent, IOptions<HandheldOptions> handhelds, BrokerOptions broker) => Results.Json(new
    {
        site = agent.Value.Site,
        brokerUrl = string.IsNullOrEmpty(handhelds.Value.BrokerWebSocketUrl) ? null : handhelds.Value.BrokerWebSocketUrl,
        webSocketPath = broker.WebSocketPath,
        scanTerminator = handhelds.Value.ScanTerminator,
    });

    private static async Task<IResult> IssueAsync(HttpRequest request, ClaimsPrincipal user, HandheldEnrolments enrolments, IOptions<HandheldOptions> options, CancellationToken ct)
    {
        var (body, error) = await GovernanceHttp.ReadAsync<EnrolmentRequest>(request, optional: true, ct);
        if (error is not null)
        {
            return error;
        }

        var result = await enrolments.IssueAsync(GovernanceHttp.Actor(user), string.IsNullOrWhiteSpace(body?.DeviceId) ? null : body.DeviceId.Trim(), ct);
        if (result.Value is not { } issued)
        {
            return Problem(result.Status, result.Problem);
        }

        var baseUrl = string.IsNullOrEmpty(options.Value.PublicUrl) ? $"{request.Scheme}://{request.Host}" : options.Value.PublicUrl.TrimEnd('/');
        var url = $"{baseUrl}{AppPath}?enrol={Uri.EscapeDataString(issued.Code)}";
        return Results.Json(new { code = issued.Code, url, expiresAt = issued.ExpiresAt, deviceId = issued.DeviceId }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RedeemAsync(HttpRequest request, HandheldEnrolments enrolments, BrokerOptions broker, IOptions<AgentOptions> agent, CancellationToken ct)
    {
        var (body, error) = await GovernanceHttp.ReadAsync<RedeemRequest>(request, optional: false, ct);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body?.Code) || body.Code.Length > 64)
        {
            return GovernanceHttp.BadRequest("Give the enrolment code: {\"code\":\"ABCD-EFGH\"}");
        }

        var result = await enrolments.RedeemAsync(body.Code, ct);
        return result.Value is { } credentials
            ? Results.Json(new { deviceId = credentials.DeviceId, password = credentials.Password, nextSeq = credentials.NextSeq, site = agent.Value.Site, webSocketPath = broker.WebSocketPath })
            : Problem(result.Status, result.Problem);
    }

    private static async Task<IResult> RevokeAsync(string deviceId, ClaimsPrincipal user, HandheldEnrolments enrolments, CancellationToken ct)
    {
        var result = await enrolments.RevokeAsync(deviceId, GovernanceHttp.Actor(user), ct);
        return result.Value is { } device ? Results.Json(Describe(device), GovernanceHttp.GovernanceJsonOptions) : Problem(result.Status, result.Problem);
    }

    private static object Describe(EnrolledHandheld d) => new { id = d.Id, enrolledAt = d.EnrolledAt, enrolledBy = d.EnrolledBy, revokedAt = d.RevokedAt, revokedBy = d.RevokedBy };

    private static IResult Problem(EnrolmentStatus status, string? detail) => status switch
    {
        EnrolmentStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail),
        EnrolmentStatus.UnknownCode => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Enrolment code not accepted", detail: detail),
        EnrolmentStatus.TooManyAttempts => Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong codes", detail: detail),
        EnrolmentStatus.BadId => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused; nothing changed", detail: detail),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused; nothing changed", detail: detail),
    };
}
