using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.ShiftScenario.Report;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// A shift lead at the console: looks every so often, and a few minutes later (seeded, log-normal) resolves the
/// exceptions, answers the approvals and closes or reopens the aisles the disruptions call for. Acts only through
/// the agent's HTTP API with a supervisor bearer token, as a person's browser or script would.
/// </summary>
internal sealed class ScriptedSupervisor : IDisposable
{
    private readonly HttpClient _http;
    private readonly ShiftTruth _truth;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _acts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    public ScriptedSupervisor(Uri agent, ShiftTruth truth)
    {
        _truth = truth;
        _http = new HttpClient { BaseAddress = agent, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentConfiguration.SupervisorToken);
    }

    public bool IsBlockedInAgent(string aisle) => _blocked.Contains(aisle);

    /// <summary>Acts the disruptions call for, known from the start: closing a blocked aisle once someone reports it, reopening it after.</summary>
    public IEnumerable<(TimeSpan At, string Key)> Planned()
    {
        foreach (var d in _truth.Scenario.Disruptions.Where(d => d.Kind == DisruptionKinds.BlockedAisle))
        {
            var start = TimeSpan.FromHours(d.AtHour);
            yield return (start + _truth.SupervisorDelay($"block:{d.Aisle}"), $"block:{d.Aisle}");
            yield return (start + TimeSpan.FromMinutes(d.Minutes) + _truth.SupervisorDelay($"unblock:{d.Aisle}"), $"unblock:{d.Aisle}");
        }
    }

    /// <summary>Reads the open exceptions and pending approvals; returns when to act on each one not seen before.</summary>
    public async Task<IReadOnlyList<(TimeSpan At, string Key)>> LookAsync(TimeSpan now, CancellationToken ct)
    {
        var acts = new List<(TimeSpan, string)>();
        using (var open = await GetJsonAsync("/api/exceptions?status=open&limit=500", ct))
        {
            foreach (var c in open.RootElement.EnumerateArray())
            {
                if (IsDevice(c.GetProperty("type").GetString()))
                {
                    // A printer or a jam clears itself when the device recovers; the person's act is on the device, not the console.
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"resolve:{c.GetProperty("id").GetInt64()}:{c.GetProperty("type").GetString()}");
                if (_seen.Add(key))
                {
                    // The response time is drawn for what the case is about, not for its id: the ids depend on the
                    // order in which the agent's devices and pickers raised cases, which may differ between runs.
                    var about = $"{c.GetProperty("type").GetString()}:{(c.TryGetProperty("subject", out var subject) ? subject.GetString() : "")}";
                    var nth = _occurrences[about] = _occurrences.GetValueOrDefault(about) + 1;
                    acts.Add((now + _truth.SupervisorDelay(string.Create(CultureInfo.InvariantCulture, $"resolve:{about}:{nth}")), key));
                }
            }
        }

        using (var pending = await GetJsonAsync("/api/approvals?status=pending", ct))
        {
            foreach (var a in pending.RootElement.EnumerateArray())
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"approve:{a.GetProperty("id").GetInt64()}");
                if (_seen.Add(key))
                {
                    acts.Add((now + _truth.SupervisorDelay(key), key));
                }
            }
        }

        return acts;
    }

    public async Task ActAsync(string key, TimeSpan now, CancellationToken ct)
    {
        var parts = key.Split(':');
        using var response = parts[0] switch
        {
            "resolve" => await _http.PostAsJsonAsync($"/api/exceptions/{parts[1]}/resolve", new { code = ResolutionCode(parts[2]), note = "shift scenario supervisor" }, ct),
            "approve" => await _http.PostAsJsonAsync($"/api/approvals/{parts[1]}/approve", new { reason = "shift scenario supervisor" }, ct),
            "block" => await _http.PutAsJsonAsync($"/api/planning/blocks/aisle/{parts[1]}", new { reason = "aisle blocked on the floor" }, ct),
            "unblock" => await _http.DeleteAsync(new Uri($"/api/planning/blocks/aisle/{parts[1]}", UriKind.Relative), ct),
            _ => throw new InvalidOperationException($"unknown supervisor act {key}"),
        };
        if (response.IsSuccessStatusCode)
        {
            _acts[parts[0]] = _acts.GetValueOrDefault(parts[0]) + 1;
            if (parts[0] == "block")
            {
                _blocked.Add(parts[1]);
            }
            else if (parts[0] == "unblock")
            {
                _blocked.Remove(parts[1]);
            }
        }
        else
        {
            // Already resolved (a clearing event beat the person to it), or approved by timeout: counted, not acted.
            _acts[parts[0] + " (too late)"] = _acts.GetValueOrDefault(parts[0] + " (too late)") + 1;
        }
    }

    /// <summary>The agent's own counters at shift end.</summary>
    public async Task<AgentFigures> ReadFiguresAsync(Planning.PickPlanner planner, Storage.DurableStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(planner);
        // What the agent made of central's commands, from its own floor history.
        var (redated, rejected, scanned, printed, rerouted) = store.Read(db =>
        {
            var floor = new Fulfilment.FloorCollections(db);
            return (floor.Events.OfType<Events.OrderPriorityChanged>().Sum(e => e.Lines), floor.Events.Count<Events.CommandRejected>(),
                floor.Events.Count<Events.CartonScanned>(), floor.Events.Count<Events.LabelPrinted>(), floor.Events.Count<Events.LabelRerouted>());
        });
        var devices = store.Read(db => Exceptions.ExceptionBook.Cases(db).FindAll()
            .Where(c => IsDevice(c.Type))
            .GroupBy(c => c.Type, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (g.Count(), g.Where(c => c.ResolvedAt is not null).Select(c => (c.ResolvedAt!.Value - c.FirstSeen).TotalMinutes).DefaultIfEmpty(double.NaN).Average() is var m && !double.IsNaN(m) ? m : (double?)null),
                StringComparer.Ordinal));
        using var kpis = await GetJsonAsync("/api/kpis", ct);
        var k = kpis.RootElement;
        long approvals = 0;
        foreach (var status in new[] { "pending", "approved", "rejected", "edited", "timedout" })
        {
            using var list = await GetJsonAsync($"/api/approvals?status={status}", ct);
            approvals += list.RootElement.GetArrayLength();
        }

        long exceptions;
        double weighted = 0;
        long resolved = 0;
        foreach (var team in k.GetProperty("exceptionResolution").EnumerateObject())
        {
            var count = team.Value.GetProperty("resolved").GetInt64();
            resolved += count;
            if (team.Value.GetProperty("meanSeconds") is { ValueKind: JsonValueKind.Number } mean)
            {
                weighted += mean.GetDouble() * count;
            }
        }

        // Raised = resolved (the KPI's per-team counts) + still open or acknowledged at shift end.
        exceptions = resolved;
        foreach (var status in new[] { "open", "acknowledged" })
        {
            using var list = await GetJsonAsync($"/api/exceptions?status={status}&limit=500", ct);
            exceptions += list.RootElement.GetArrayLength();
        }

        var outcomes = planner.Counters.ByOutcome;
        return new AgentFigures
        {
            ManualTouches = k.GetProperty("manualTouches").GetInt64(),
            TouchesAvoided = k.GetProperty("touchesAvoided").GetInt64(),
            Decisions = k.GetProperty("decisions").GetInt64(),
            Overrides = k.GetProperty("overrides").GetInt64(),
            FallbackDecisions = k.GetProperty("fallbackDecisions").GetInt64(),
            LowConfidenceDecisions = k.GetProperty("lowConfidenceDecisions").GetInt64(),
            Exceptions = exceptions,
            ExceptionResolutionMeanSeconds = resolved == 0 ? null : weighted / resolved,
            ApprovalsAsked = approvals,
            DriftAlarms = planner.Drift.LatchedBy is null ? 0 : 1,
            ModelPlans = outcomes.Where(o => o.Key.StartsWith("model", StringComparison.Ordinal)).Sum(o => o.Value),
            RulePlans = outcomes.Where(o => !o.Key.StartsWith("model", StringComparison.Ordinal)).Sum(o => o.Value),
            PlanningMethod = planner.Drift.LatchedBy is { } alarm
                ? string.Create(CultureInfo.InvariantCulture, $"rule since drift alarm ({alarm.Signal}, drift {alarm.Drift:+0.00;-0.00} over {alarm.Samples} picks) at {alarm.RaisedAt - _truth.Scenario.ShiftStart:hh\\:mm}")
                : planner.Status is { } s ? s.Plan.Method : "none",
            SupervisorActs = new SortedDictionary<string, int>(_acts, StringComparer.Ordinal),
            LinesRedated = redated,
            CartonsScanned = scanned,
            LabelsPrinted = printed,
            LabelsRerouted = rerouted,
            DeviceExceptions = new SortedDictionary<string, (int, double?)>(devices, StringComparer.Ordinal),
            ErpCommandsRejected = rejected,
        };
    }

    public void Dispose() => _http.Dispose();

    private static bool IsDevice(string? type) => type is not null && (type.StartsWith("printer.", StringComparison.Ordinal) || type.StartsWith("sensor.", StringComparison.Ordinal));

    private static string ResolutionCode(string type) => type switch
    {
        "scan.short-pick" => "replenished",
        "scan.wrong-item" => "cycle-counted",
        _ => "false-alarm",
    };

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
    }
}
