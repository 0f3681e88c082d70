var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok("alive"));
await app.RunAsync();

/// <summary>Entry point, public so tests can host the agent with WebApplicationFactory.</summary>
public partial class Program;
