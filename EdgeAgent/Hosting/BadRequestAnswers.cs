
namespace EdgeAgent.Hosting;

/// <summary>
/// A request the framework cannot bind (a query value that is not a number, a body that is not JSON or has a field of
/// the wrong type, a body of the wrong content type) gets a problem document that names the parameter, like every
/// refusal an endpoint gives itself. Without this the framework answers a bare 400 with an empty body.
/// </summary>
public static partial class BadRequestAnswers
{
    /// <summary>How much of the framework's message (which quotes the value sent) is echoed back.</summary>
    private const int MaxDetail = 300;

    public static IServiceCollection AddBadRequestAnswers(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseBadRequestAnswers(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BadRequestAnswers).FullName!);
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", ex.StatusCode);
                }

                var detail = ex.Message.Length <= MaxDetail ? ex.Message : ex.Message[..MaxDetail] + "…";
                context.Response.Clear();
                await Results.Problem(statusCode: ex.StatusCode, title: "Refused; nothing changed", detail: detail).ExecuteAsync(context);
            }
        });
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Debug, Message = "{Method} {Path} refused before the endpoint ran: {Status}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status);
}
