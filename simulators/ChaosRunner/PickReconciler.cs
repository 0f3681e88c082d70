using EdgeAgent.Simulators.Floor;

namespace ChaosRunner;

/// <summary>
/// Handheld picks against the two records: each answered confirm or short pick is one <c>task.picked</c>/<c>task.short</c>
/// in the agent's store and at central, once, and central holds each device's picks in the order the device was answered.
/// A pick whose message number an agent named lost at a damaged-store open (<see cref="NamedLoss"/>) is
/// <b>damage_named</b>, not lost: the agent said so, as its contract for a store that lost fsynced work says; the task
/// may then be picked again, so a task answered twice may be held twice.
/// </summary>
internal static class PickReconciler
{
    public const string Lane = "picks";

    public static Tally Count(
        IReadOnlyList<(string Device, IReadOnlyList<AnsweredPick> Picks)> answered,
        IReadOnlyDictionary<string, int> store,
        IReadOnlyDictionary<string, List<(long LaneSeq, string Device)>> central,
        IReadOnlyList<NamedLoss> named,
        TextWriter report)
    {
        int accepted = 0, delivered = 0, damageNamed = 0, lost = 0, duplicated = 0, outOfOrder = 0;
        var answers = answered.SelectMany(a => a.Picks).GroupBy(p => p.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var checkedTasks = new HashSet<string>(StringComparer.Ordinal);
        // A task answered again (picked again after a named loss) is held again: its n-th answer is its n-th record.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (device, picks) in answered)
        {
            long lastSeq = 0;
            foreach (var pick in picks)
            {
                accepted++;
                var task = pick.TaskId;
                int inStore = store.GetValueOrDefault(task);
                var atCentral = central.GetValueOrDefault(task) ?? [];
                if (named.FirstOrDefault(n => n.Covers(device, Lane, pick.Seq)) is { } loss)
                {
                    damageNamed++;
                    report.WriteLine($"NAMED LOST pick {device} {task} (seq {pick.Seq}, in the agent's named loss {loss}): store has {inStore}, central has {atCentral.Count}");
                }
                else if (inStore >= 1 && atCentral.Count >= 1)
                {
                    delivered++;
                }
                else
                {
                    lost++;
                    report.WriteLine($"LOST pick {device} {task} (seq {pick.Seq}): store has {inStore}, central has {atCentral.Count}");
                }

                int allowed = answers[task];
                if (checkedTasks.Add(task) && (inStore > allowed || atCentral.Count > allowed))
                {
                    duplicated++;
                    report.WriteLine($"DUPLICATE pick {device} {task}: answered {allowed} time(s), store has {inStore}, central has {atCentral.Count}");
                }

                int nth = seen[task] = seen.GetValueOrDefault(task) + 1;
                if (atCentral.Count >= 1)
                {
                    var (laneSeq, eventDevice) = atCentral[Math.Min(nth, atCentral.Count) - 1];
                    if (eventDevice == device && laneSeq < lastSeq)
                    {
                        outOfOrder++;
                        report.WriteLine($"OUT OF ORDER pick {device} {task}: lane sequence {laneSeq} after {lastSeq}");
                    }

                    lastSeq = Math.Max(lastSeq, laneSeq);
                }
            }
        }

        return new Tally(accepted, delivered, 0, lost, duplicated, outOfOrder, damageNamed);
    }
}
