using System.Net;
using System.Text.Json;
using EdgeAgent.Tests.Hosting;

namespace EdgeAgent.Tests.BadInput;

/// <summary>
/// Regressions the HTTP battery found: a request the framework could not bind, and a console or handheld-app file
/// that does not exist, were answered with an empty body. Each now says what is wrong.
/// </summary>
public sealed class BadRequestAnswerTests : IAsyncLifetime
{
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await RunningAgent.StartAsync("hh-1");

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Theory]
    [InlineData("/api/audit?after=abc", 400, "after")]
    [InlineData("/api/audit?limit=99999999999999999999", 400, "limit")]
    [InlineData("/console/no-such-file.js", 404, "no-such-file.js")]
    [InlineData("/handheld/no-such-file.js", 404, "no-such-file.js")]
    public async Task AnUnbindableValueOrAMissingFile_IsAnsweredWithAProblemThatNamesIt(string path, int status, string named)
    {
        using var response = await _agent.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.Contains(named, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
