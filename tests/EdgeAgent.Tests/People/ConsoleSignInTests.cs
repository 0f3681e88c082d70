using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.Governance;
using EdgeAgent.People;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.People;

/// <summary>Signing in to the console on the real agent: cookies, roles, anti-forgery, throttling, and who the audit names.</summary>
public sealed class ConsoleSignInTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-123";
    private const string IntegrationToken = "erp-token-789";
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        RunningAgent.AddOperator(settings, "erp", "Integration", IntegrationToken);
        settings["People:FreeFailures"] = "3";
        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        await _agent.AddPersonAsync("vera", PersonRole.Viewer, "vera-password");
        await _agent.AddPersonAsync("sue", PersonRole.Supervisor, "sue-password");
        await _agent.AddPersonAsync("ada", PersonRole.Admin, "ada-password");
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private DurableStore Store => _agent.Services.GetRequiredService<DurableStore>();

    [Theory]
    [InlineData("/api/state")]
    [InlineData("/api/kpis")]
    [InlineData("/api/exceptions")]
    [InlineData("/api/approvals")]
    [InlineData("/api/planning")]
    [InlineData("/api/audit")]
    public async Task ReadApi_WithoutCredentials_Answers401Json(string path)
    {
        using var response = await _agent.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task ThePage_WithoutSession_RedirectsToSignin_WhichServesAForm()
    {
        using var client = _agent.CookieClient();

        using var page = await client.GetAsync("/");
        var signin = await client.GetStringAsync(page.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location?.OriginalString);
        Assert.Contains("type=\"password\"", signin, StringComparison.Ordinal);
        Assert.Contains("/api/session", signin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_SetsAnHttpOnlyStrictSessionCookie_AndTheSessionAnswersWhoAndTheToken()
    {
        using var client = _agent.CookieClient();

        using var signIn = await client.PostAsJsonAsync("/api/session", new { name = "sue", password = "sue-password" });
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("EdgeAgent.Session=", StringComparison.Ordinal));
        var body = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("sue", "supervisor"), (body.GetProperty("name").GetString(), body.GetProperty("role").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("csrf").GetString()));
        Assert.Equal(body.GetProperty("csrf").GetString(), session.GetProperty("csrf").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_AndUnknownName_GetTheSameAnswer()
    {
        using var wrong = await _agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "sue", password = "not-hers-at-all" });
        using var unknown = await _agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "nobody", password = "whatever-it-is" });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Contains("bad-credentials", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_ReadsEverything_ButAnActIs403()
    {
        var (client, csrf) = await _agent.SignInAsync("vera", "vera-password");
        using (client)
        {
            using var state = await client.GetAsync("/api/state");
            using var approvals = await client.GetAsync("/api/approvals");
            using var approve = await Send(client, HttpMethod.Post, "/api/approvals/1/approve", csrf);
            using var pause = await Send(client, HttpMethod.Put, "/api/governance/pauses/zone/A", csrf);

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (state.StatusCode, approvals.StatusCode));
            Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (approve.StatusCode, pause.StatusCode));
            Assert.Contains("forbidden", await approve.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CookieRequest_ThatChangesState_NeedsTheAntiforgeryToken_AndTheAuditNamesThePerson()
    {
        var (client, csrf) = await _agent.SignInAsync("sue", "sue-password");
        using (client)
        {
            using var without = await Send(client, HttpMethod.Put, "/api/governance/pauses/zone/A", csrf: null);
            using var wrong = await Send(client, HttpMethod.Put, "/api/governance/pauses/zone/A", csrf: "forged");
            var pausesAfterRefusals = Store.Read(db => new GovernanceCollections(db).Pauses.Count());
            using var with = await Send(client, HttpMethod.Put, "/api/governance/pauses/zone/A", csrf);

            Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (without.StatusCode, wrong.StatusCode));
            Assert.Contains("antiforgery", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, pausesAfterRefusals);
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
            var last = Store.Read(db => new AuditCollections(db).Records.Query().OrderByDescending(r => r.Seq).First());
            Assert.Equal("sue", last.Actor);
        }
    }

    [Fact]
    public async Task BearerRequest_ThatChangesState_NeedsNoAntiforgeryToken()
    {
        using var pause = await _agent.SendAsync(HttpMethod.Put, "/api/governance/pauses/zone/B", SupervisorToken);

        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
    }

    [Fact]
    public async Task ReleasingTasks_NeedsAnAdminOrTheIntegrationToken()
    {
        const string Tasks = """[{"id":"T-{0}","location":"A-01-1","sku":"SKU-1","qty":1}]""";
        var (viewer, viewerCsrf) = await _agent.SignInAsync("vera", "vera-password");
        var (admin, adminCsrf) = await _agent.SignInAsync("ada", "ada-password");
        using (viewer)
        using (admin)
        {
            using var bySupervisor = await _agent.SendAsync(HttpMethod.Post, "/api/tasks", SupervisorToken, Tasks.Replace("{0}", "1", StringComparison.Ordinal));
            using var byViewer = await Send(viewer, HttpMethod.Post, "/api/tasks", viewerCsrf, Tasks.Replace("{0}", "2", StringComparison.Ordinal));
            using var anonymous = await _agent.SendAsync(HttpMethod.Post, "/api/cartons", token: null, "[]");
            using var byIntegration = await _agent.SendAsync(HttpMethod.Post, "/api/tasks", IntegrationToken, Tasks.Replace("{0}", "3", StringComparison.Ordinal));
            using var byAdmin = await Send(admin, HttpMethod.Post, "/api/tasks", adminCsrf, Tasks.Replace("{0}", "4", StringComparison.Ordinal));
            using var integrationReads = await _agent.SendAsync(HttpMethod.Get, "/api/state", IntegrationToken);

            Assert.Equal(
                (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.Created, HttpStatusCode.Created),
                (bySupervisor.StatusCode, byViewer.StatusCode, anonymous.StatusCode, byIntegration.StatusCode, byAdmin.StatusCode));
            Assert.Equal(HttpStatusCode.Forbidden, integrationReads.StatusCode);
        }
    }

    [Fact]
    public async Task RepeatedFailedSignIns_Get429WithRetryAfter_BeforeAnyPasswordIsHashed()
    {
        var passwords = _agent.Services.GetRequiredService<PasswordChecker>();
        for (var i = 0; i < 4; i++)
        {
            // Three free failures, then the fourth starts the back-off.
            using var bad = await _agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "ada", password = $"guess-{i}-wrong" });
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        }

        var hashedBefore = passwords.Verifications;
        using var throttled = await _agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "ada", password = "ada-password" });
        using var otherName = await _agent.Anonymous.PostAsJsonAsync("/api/session", new { name = "sue", password = "guess-again" });

        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (throttled.StatusCode, otherName.StatusCode));
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("too-many-attempts", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(hashedBefore, passwords.Verifications);
    }

    [Fact]
    public async Task AFloodOfUnknownBearerTokens_StopsBeingHashed_AfterTheFreeFailures()
    {
        var operators = _agent.Services.GetRequiredService<OperatorDirectory>();
        using var knownBefore = await _agent.SendAsync(HttpMethod.Get, "/api/state", SupervisorToken);
        var before = operators.SlowChecks;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await _agent.SendAsync(HttpMethod.Get, "/api/state", $"guessed-token-{i}");
            statuses.Add(response.StatusCode);
        }

        using var known = await _agent.SendAsync(HttpMethod.Get, "/api/state", SupervisorToken);

        Assert.Equal(4, operators.SlowChecks - before);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), statuses.Take(4));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_EvenForACopyOfTheCookie_AndIsAudited()
    {
        var jar = new CookieContainer();
        var (client, csrf) = await _agent.SignInAsync("sue", "sue-password", jar);
        using (client)
        {
            var cookie = jar.GetCookies(_agent.BaseAddress)["EdgeAgent.Session"]!.Value;
            using var withoutToken = await Send(client, HttpMethod.Delete, "/api/session", csrf: null);
            using var signOut = await Send(client, HttpMethod.Delete, "/api/session", csrf);
            using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/state");
            replay.Headers.Add("Cookie", $"EdgeAgent.Session={cookie}");
            using var replayed = await _agent.Anonymous.SendAsync(replay);

            Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
            var actions = Store.Read(db => new AuditCollections(db).Records.Find(r => r.Actor == "sue").Select(r => r.ActionType).ToList());
            Assert.Equal([PeopleAudit.SignInAction, PeopleAudit.SignOutAction], actions);
        }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? csrf, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (csrf is not null)
        {
            request.Headers.Add(ConsoleAntiforgery.Header, csrf);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
