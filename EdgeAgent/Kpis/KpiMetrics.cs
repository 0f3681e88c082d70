using System.Diagnostics.Metrics;
using EdgeAgent.Storage;

namespace EdgeAgent.Kpis;

/// <summary>The fulfilment KPIs as .NET metrics (meter <c>EdgeAgent.Fulfilment</c>), read from the store when scraped.</summary>
public sealed class KpiMetrics
{
    public const string MeterName = "EdgeAgent.Fulfilment";

    public KpiMetrics(IMeterFactory meters, DurableStore store)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(store);
        var meter = meters.Create(MeterName);
        KpiReport Now() => KpiReport.From(store.Read(KpiObserver.Load));

        meter.CreateObservableCounter("edgeagent.kpi.manual_touches", () => Now().ManualTouchesByKind.Select(k => Tagged(k.Value, "kind", k.Key)), description: "Actions a person took, by kind");
        meter.CreateObservableCounter("edgeagent.kpi.touches_avoided", () => Now().TouchesAvoided, description: "Decisions taken by automation without a person");
        meter.CreateObservableCounter("edgeagent.kpi.exceptions_resolved", () => Now().ExceptionResolution.Select(t => Tagged(t.Value.Resolved, "team", t.Key)), description: "Exceptions resolved by a person, by owning team");
        meter.CreateObservableGauge("edgeagent.kpi.exception_resolution_mean", () => PerTeam(Now(), r => r.MeanSeconds), "s", "Mean time from routing to resolution, by team");
        meter.CreateObservableGauge("edgeagent.kpi.exception_resolution_p90", () => PerTeam(Now(), r => r.P90Seconds), "s", "90th percentile time from routing to resolution, by team");
        meter.CreateObservableCounter("edgeagent.kpi.orders_completed", () => Now().OrdersCompleted, description: "Orders whose every line is picked or short");
        meter.CreateObservableCounter("edgeagent.kpi.orders_on_time", () => Now().OrdersOnTime, description: "Completed orders whose last line was picked by the ship cut-off");
        meter.CreateObservableGauge("edgeagent.kpi.order_cycle_mean", () => Optional(Now().OrderCycleMeanSeconds), "s", "Mean time from an order's first release to its last line picked");
        meter.CreateObservableGauge("edgeagent.kpi.order_cycle_p90", () => Optional(Now().OrderCycleP90Seconds), "s", "90th percentile order cycle time");
        meter.CreateObservableGauge("edgeagent.kpi.on_time_rate", () => Optional(Now().OnTimeRate), description: "Share of completed orders picked by the cut-off");
        meter.CreateObservableGauge("edgeagent.kpi.fill_rate", FillRates, description: "Picked over ordered: units, fully filled lines, fully filled orders");
        meter.CreateObservableCounter("edgeagent.kpi.automated_decisions", () => Now().AutomatedDecisions, description: "Automated decisions");
        meter.CreateObservableCounter("edgeagent.kpi.overrides", () => Now().Overrides, description: "Decisions a person overrode");
        meter.CreateObservableGauge("edgeagent.kpi.override_rate", () => Optional(Now().OverrideRate), description: "Overrides per automated decision");
        meter.CreateObservableCounter("edgeagent.kpi.low_confidence_decisions", () => Now().LowConfidenceDecisions, description: "Decisions below their confidence threshold");
        meter.CreateObservableGauge("edgeagent.kpi.low_confidence_share", () => Optional(Now().LowConfidenceShare), description: "Low-confidence decisions over all decisions");
        meter.CreateObservableCounter("edgeagent.kpi.fallback_decisions", () => Now().FallbackDecisions, description: "Automated decisions taken by the rule fallback");
        meter.CreateObservableGauge("edgeagent.kpi.fallback_rate", () => Optional(Now().FallbackRate), description: "Fallback decisions over automated decisions");

        IEnumerable<Measurement<double>> FillRates()
        {
            var report = Now();
            foreach (var (basis, rate) in new[] { ("unit", report.UnitFillRate), ("line", report.LineFillRate), ("order", report.OrderFillRate) })
            {
                if (rate is { } value)
                {
                    yield return Tagged(value, "basis", basis);
                }
            }
        }
    }

    private static IEnumerable<Measurement<double>> PerTeam(KpiReport report, Func<ResolutionTimes, double?> pick) =>
        report.ExceptionResolution.Where(t => pick(t.Value) is not null).Select(t => Tagged(pick(t.Value)!.Value, "team", t.Key));

    // An undefined rate (nothing to divide by yet) is absent rather than a misleading zero.
    private static IEnumerable<Measurement<double>> Optional(double? value) => value is { } v ? [new Measurement<double>(v)] : [];

    private static Measurement<T> Tagged<T>(T value, string key, string tag)
        where T : struct => new(value, new KeyValuePair<string, object?>(key, tag));
}
