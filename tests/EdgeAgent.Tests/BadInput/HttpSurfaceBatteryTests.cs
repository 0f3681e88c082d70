using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using EdgeAgent.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeAgent.Tests.BadInput;

/// <summary>
/// The bad-input battery for every HTTP endpoint of the real agent host, found from its route table (so a new
/// endpoint is in the battery the day it is mapped): route values, query strings and bodies wrong in every way
/// (bad JSON, wrong types, huge values, unknown ids), sent as the admin operator. Every answer is below 500, every
/// refusal the endpoint gives says what is wrong, and the agent stays up.
/// </summary>
public sealed class HttpSurfaceBatteryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CasesPerEndpoint = 20;

    /// <summary>Kestrel's default request-line limit (8 KiB): longer paths and queries are answered 414.</summary>
    private const int MaxRequestLine = 8 * 1024;

    /// <summary>Streams that never end by themselves (server-sent events): probed once with a short deadline instead.</summary>
    private static readonly string[] Streaming = ["/api/live"];

    private static readonly string[] QueryNames = ["limit", "after", "status", "team", "range", "q", "from", "to", "kind", "actor", "order", "zone", "page", "seq"];

    private static readonly Gen<string> Scalars = Gen.OneOf(
        Gen.Int[0, 11].Select(i => new[] { "0", "-1", "1", "7", "T-9", "SO-9", "does-not-exist", "", "9223372036854775807", "99999999999999999999999", "1e400", "NaN" }[i]),
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.String[0, 40],
        Gen.Int[0, 5000].Select(n => new string('9', n)),
        Gen.Int[0, 3000].Select(n => new string('x', n)));

    private static readonly Gen<string> JsonValues = Gen.OneOf(
        Scalars.Select(Quote),
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 9].Select(i => new[] { "true", "false", "null", "{}", "[]", "1e400", "-0.5", "99999999999999999999", "[1,2]", "{\"a\":{}}" }[i]),
        Gen.Int[1, 200].Select(d => new string('[', d) + new string(']', d)));

    private static readonly string[] BodyKeys =
        ["reason", "outcome", "taskId", "toPicker", "orderId", "rights", "mode", "minConfidence", "tasks", "sku", "location", "quantity", "dueAt", "zone", "note", "team", "sscc", "kind", "name", "role", "deviceId", "code", "password", "until", ""];

    private static readonly Gen<string?> Bodies = Gen.OneOf(
        Gen.Const<string?>((string?)null),
        Gen.Int[0, 7].Select(i => (string?)new[] { "", "{", "{ not json", "[", "null", "\"text\"", "{}}", "\u0000" }[i]),
        Gen.String[0, 200].Select(s => (string?)s),
        Gen.Select(Gen.Int[0, BodyKeys.Length - 1], JsonValues).Array[0, 8]
            .Select(fields => (string?)("{" + string.Join(',', fields.Select(f => Quote(BodyKeys[f.Item1]) + ":" + f.Item2)) + "}")),
        Gen.Select(Gen.Int[0, BodyKeys.Length - 1], JsonValues).Array[0, 4]
            .Select(fields => (string?)("[{" + string.Join(',', fields.Select(f => Quote(BodyKeys[f.Item1]) + ":" + f.Item2)) + "}]")),
        Gen.Int[0, 2_000_000].Select(n => (string?)("{\"reason\":\"" + new string('r', n) + "\"}")));

    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = await RunningAgent.StartAsync("hh-1");
        await _agent.ReleaseAsync(new EdgeAgent.Fulfilment.NewPickTask("T-9", "A-01-1", "SKU-1", 1, null, "A", "SO-9"));
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task EveryEndpoint_AnyBadRouteQueryOrBody_GetsAnAnswerBelow500_ThatSaysWhatIsWrong_AndTheAgentStaysUp()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} endpoints found in the route table");
        long cases = 0;
        var statuses = new SortedDictionary<int, int>();
        var findings = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var requests = Gen.Select(
                    endpoint.Parameters.Count == 0 ? Gen.Const(Array.Empty<string>()) : Scalars.Array[endpoint.Parameters.Count],
                    Gen.Select(Gen.Int[0, QueryNames.Length - 1], Scalars).Array[0, 3],
                    endpoint.Method is "GET" or "DELETE" ? Gen.Const<string?>((string?)null) : Bodies)
                .Select((values, query, body) => new Probe(endpoint, values, query, body));
            await requests.SampleAsync(
                async probe =>
                {
                    var (status, text) = await SendAsync(probe);
                    Interlocked.Increment(ref cases);
                    lock (statuses)
                    {
                        statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    }

                    // Every case runs and every finding is listed at the end (not only the first one CsCheck would shrink).
                    // A refusal the endpoint itself gives names what is wrong. Routing's own 404/405 (a route value that
                    // fails its constraint, so no endpoint matched) and the auth answers carry no body by design.
                    if (status >= 500)
                    {
                        lock (findings)
                        {
                            findings.Add($"{probe}: {status} {Cut(text)}");
                        }
                    }
                    else if ((status is 400 or 409 or 413 or 415 or 422 || (status == 404 && probe.MatchesConstraints)) && string.IsNullOrWhiteSpace(text))
                    {
                        lock (findings)
                        {
                            findings.Add($"{probe}: {status} with an empty body");
                        }
                    }
                },
                iter: CasesPerEndpoint,
                threads: 1);
        }

        using var alive = await _agent.Anonymous.GetAsync("/healthz");
        using var ready = await _agent.Anonymous.GetAsync("/readyz");
        output.WriteLine($"battery HTTP: {endpoints.Count} endpoints, {cases} cases; answers: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(findings.Count == 0, $"{findings.Count} bad answers:\n" + string.Join('\n', findings.Take(50)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (alive.StatusCode, ready.StatusCode));
        Assert.Equal(endpoints.Count * (long)CasesPerEndpoint, cases);
    }

    private List<Endpoint> Endpoints()
    {
        var source = _agent.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Endpoint(m, e.RoutePattern)))
            .Where(e => !Streaming.Contains(e.Pattern.RawText, StringComparer.Ordinal))
            .OrderBy(e => e.Pattern.RawText, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    private async Task<(int Status, string Text)> SendAsync(Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Endpoint.Method), probe.Path());
        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _agent.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException && probe.Path().Length > MaxRequestLine)
        {
            // A request line over Kestrel's limit is answered 414 and the connection closed before the body is read: a
            // client still sending a big body sees its pipe break instead of the answer. The agent's next answers (and
            // /healthz at the end) show it is up.
            return (StatusCodes.Status414UriTooLong, "(connection closed after 414 before the body was sent)");
        }

        using (response)
        {
            var text = response.Content.Headers.ContentType?.MediaType is "text/html" or "image/svg+xml" or "application/javascript" or "text/css" ? "(page)" : await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text);
        }
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static string Cut(string s) => s.Length <= 300 ? s : s[..300] + "…";

    private sealed record Endpoint(string Method, RoutePattern Pattern)
    {
        public IReadOnlyList<RoutePatternParameterPart> Parameters => Pattern.Parameters;

        public override string ToString() => $"{Method} {Pattern.RawText}";
    }

    private sealed record Probe(Endpoint Endpoint, string[] Values, (int Name, string Value)[] Query, string? Body)
    {
        /// <summary>True when every route value passes its constraint (here only <c>long</c>), so a 404 came from the endpoint.</summary>
        public bool MatchesConstraints => Endpoint.Parameters.Select((p, i) => p.ParameterPolicies.All(c => c.Content != "long") || long.TryParse(Values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)).All(ok => ok)
            && Values.All(v => v.Length > 0);

        public string Path()
        {
            var path = new StringBuilder();
            int next = 0;
            foreach (var segment in Endpoint.Pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternParameterPart => Uri.EscapeDataString(Values[next++]),
                        RoutePatternSeparatorPart separator => separator.Content,
                        _ => "",
                    });
                }
            }

            var query = string.Join('&', Query.Select(q => QueryNames[q.Name] + "=" + Uri.EscapeDataString(q.Value)));
            return (path.Length == 0 ? "/" : path.ToString()) + (query.Length == 0 ? "" : "?" + query);
        }

        public override string ToString() => $"{Endpoint.Method} {Cut(Path())} body {(Body is null ? "none" : Cut(Body))}";
    }
}
