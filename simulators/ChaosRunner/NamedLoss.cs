using System.Globalization;
using System.Text.RegularExpressions;

namespace ChaosRunner;

/// <summary>
/// Acknowledged work a damaged store lost and the agent named at its open (its refusal, or its recovery report
/// <c>REPORT.txt</c>): the device's numbers after <see cref="HeldThrough"/> up to <see cref="Acknowledged"/>, on a lane of
/// its acknowledgement record (handhelds: <c>picks</c>, every message the handheld loop answered).
/// </summary>
internal sealed partial record NamedLoss(string Device, string Lane, long HeldThrough, long Acknowledged)
{
    /// <summary>True when the device's message <paramref name="seq"/> on <paramref name="lane"/> is in the named range.</summary>
    public bool Covers(string device, string lane, long seq) =>
        Device == device && Lane == lane && seq > HeldThrough && seq <= Acknowledged;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Device} lane {Lane} seq {HeldThrough + 1}..{Acknowledged}");

    /// <summary>
    /// Every <c>device D lane L: acknowledged up to seq A, store holds up to H</c> (or <c>store holds none</c>) in the
    /// agent's words (<c>EdgeAgent.Storage.LostAck</c>), once each.
    /// </summary>
    public static IReadOnlyList<NamedLoss> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. LostAckLine().Matches(text)
            .Select(m => new NamedLoss(
                m.Groups["device"].Value,
                m.Groups["lane"].Value,
                m.Groups["held"].Success ? long.Parse(m.Groups["held"].Value, CultureInfo.InvariantCulture) : 0,
                long.Parse(m.Groups["acked"].Value, CultureInfo.InvariantCulture)))
            .Distinct()];
    }

    [GeneratedRegex(@"device (?<device>\S+) lane (?<lane>[^\s:]+): acknowledged up to seq (?<acked>\d+), store holds (?:up to (?<held>\d+)|none)", RegexOptions.CultureInvariant)]
    private static partial Regex LostAckLine();
}
