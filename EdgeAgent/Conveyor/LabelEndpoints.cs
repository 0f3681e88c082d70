using System.Security.Claims;
using System.Text;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Governance;
using EdgeAgent.Storage;

namespace EdgeAgent.Conveyor;

/// <summary>
/// A released carton's label for the console: <c>GET /api/labels/{sscc}/preview.svg</c> draws the ZPL the template
/// produces, <c>GET /api/labels/{sscc}/zpl</c> is that ZPL, and <c>POST /api/labels/{sscc}/reprint</c> (supervisor)
/// prints it again through the printer group.
/// </summary>
public static class LabelEndpoints
{
    public static WebApplication MapLabelEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/labels/{sscc}/preview.svg", (string sscc, DurableStore store) =>
            Zpl(store, sscc) is not { } zpl ? NotFound(sscc)
                : Results.Text(ZplPreview.Render(zpl).Svg, "image/svg+xml", Encoding.UTF8));
        app.MapGet("/api/labels/{sscc}/zpl", (string sscc, DurableStore store) =>
            Zpl(store, sscc) is not { } zpl ? NotFound(sscc) : Results.Text(zpl, "text/plain", Encoding.UTF8));
        app.MapPost("/api/labels/{sscc}/reprint", async (string sscc, ClaimsPrincipal user, DurableStore store, IServiceProvider services, CancellationToken ct) =>
        {
            if (Find(store, sscc) is not { } label)
            {
                return NotFound(sscc);
            }

            if (services.GetService<ConveyorLine>() is not { } line || await line.ReprintAsync(label, user.Identity?.Name ?? "?", ct) is not { } done)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No printer group is running on this gateway; nothing was printed");
            }

            return Results.Ok(new { Sscc = sscc, done.JobId, Submitted = done.Submitted.ToString() });
        }).RequireAuthorization(GovernancePolicies.Supervisor);
        return app;
    }

    private static CartonLabel? Find(DurableStore store, string sscc) =>
        sscc.Length == 18 && sscc.All(char.IsAsciiDigit) ? store.Read(db => db.GetCollection<CartonLabel>(CartonBook.Collection).FindById(sscc)) : null;

    private static string? Zpl(DurableStore store, string sscc) =>
        Find(store, sscc) is { } label && ConveyorLine.Render(label).Zpl is { } zpl ? Encoding.UTF8.GetString(zpl) : null;

    private static IResult NotFound(string sscc) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No released carton has SSCC {sscc}");
}
