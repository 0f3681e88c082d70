namespace EdgeAgent.Web.Live;

/// <summary><c>GET /api/live</c>: the console's Server-Sent Events stream; <c>GET /api/live/snapshot</c>: the same floor at once.</summary>
public static class LiveEndpoints
{
    public static WebApplication MapLiveEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/live", (HttpContext context, LiveFeed feed, IHostApplicationLifetime lifetime) =>
        {
            // Ends with the request or with the agent, so a console never holds shutdown up.
            var ct = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping).Token;
            var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["lastEventId"].FirstOrDefault();
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.ServerSentEvents(feed.StreamAsync(lastEventId, ct));
        });
        app.MapGet("/api/live/snapshot", (LiveFeed feed) => Results.Ok(feed.ReadSnapshot()));
        return app;
    }
}
