using System.ComponentModel.DataAnnotations;
using EdgeAgent.Drivers.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>
/// Maps IO-Link port messages (<c>dc/{site}/iolink/{masterId}/port{n}</c>) onto the same
/// <see cref="SensorChanged"/> events as GPIO inputs, in the same <see cref="SensorFeed"/>, so carton,
/// jam and door events come out alike. The master filters its inputs, so nothing is debounced here.
/// </summary>
/// <remarks>The host subscribes to <see cref="IoLinkOptions.TopicFilter"/> and hands each message to <see cref="Receive"/>; bad input is counted and logged at most once a minute per master, never thrown.</remarks>
public sealed partial class IoLinkPortReader
{
    private readonly object _gate = new();
    private readonly IoLinkOptions _options;
    private readonly SensorFeed _feed;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _dropLog;
    private readonly Dictionary<(string MasterId, int Port), PortState> _ports = [];
    private readonly Dictionary<string, TimeSpan> _offsets = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private long _received;
    private long _changed;
    private long _unchanged;
    private long _duplicates;
    private long _malformed;
    private long _unknown;
    private long _notPortTopics;
    private long _clockSkewed;

    public IoLinkPortReader(IoLinkOptions options, SensorFeed feed, TimeProvider timeProvider, ILogger<IoLinkPortReader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _feed = feed;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<IoLinkPortReader>.Instance;
        _dropLog = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _prefix = $"dc/{options.Site}/iolink/";
        foreach (var port in options.Ports)
        {
            _feed.Register(port.Name, port.Role, port.Timings);
            _ports.Add((port.MasterId, port.Port), new PortState(port));
        }
    }

    public IoLinkPortReaderCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new(_received, _changed, _unchanged, _duplicates, _malformed, _unknown, _notPortTopics, _clockSkewed);
            }
        }
    }

    /// <summary>Reads one MQTT message; reports a change to the feed when the port's sensor changed state.</summary>
    public IoLinkReadResult Receive(string topic, ReadOnlySpan<byte> payload) => Receive(topic, payload, out _);

    /// <summary>
    /// Reads one MQTT message as <see cref="Receive(string, ReadOnlySpan{byte})"/> does, and says which master numbered
    /// it how (also on a port no sensor is mapped to), so the host can keep each master's numbering durable and see gaps.
    /// </summary>
    public IoLinkReadResult Receive(string topic, ReadOnlySpan<byte> payload, out IoLinkMessageNumber? number)
    {
        ArgumentNullException.ThrowIfNull(topic);
        SensorChanged? change = null;
        IoLinkReadResult result;
        lock (_gate)
        {
            _received++;
            result = Read(topic, payload, out change, out number);
            Count(result);
        }

        if (change is not null)
        {
            _feed.Report(change);
        }
        else if (result is IoLinkReadResult.Malformed or IoLinkReadResult.UnknownPort
                 && _dropLog.ShouldLog(MasterOf(topic), out var suppressed))
        {
            LogDropped(topic, result, suppressed);
        }

        return result;
    }

    private IoLinkReadResult Read(string topic, ReadOnlySpan<byte> payload, out SensorChanged? change, out IoLinkMessageNumber? number)
    {
        change = null;
        number = null;
        if (!TryParseTopic(topic, out var masterId, out var portNumber))
        {
            return IoLinkReadResult.NotAPortTopic;
        }

        var parsed = payload.Length > _options.MaxPayloadBytes ? null : IoLinkPortPayload.TryParse(payload);
        if (parsed is { Seq: { } numbered })
        {
            number = new IoLinkMessageNumber(masterId, numbered);
        }

        if (!_ports.TryGetValue((masterId, portNumber), out var port))
        {
            return IoLinkReadResult.UnknownPort;
        }

        if (parsed is not { } message)
        {
            return IoLinkReadResult.Malformed;
        }

        if (message.Seq is { } seq)
        {
            if (port.LastSeq is { } last && seq <= last)
            {
                return IoLinkReadResult.Duplicate;
            }

            port.LastSeq = seq;
        }

        var active = message.Value != port.Options.ActiveLow;
        // The first message sets the starting state; like a GPIO input at start, only active is news.
        if (port.Active == active || (port.Active is null && !active))
        {
            port.Active = active;
            return IoLinkReadResult.Unchanged;
        }

        port.Active = active;
        change = new SensorChanged(port.Options.Name, port.Options.Role, active, ChangeTime(masterId, port, message.Timestamp));
        return IoLinkReadResult.Changed;
    }

    /// <summary>
    /// The time of a change on <paramref name="port"/> of <paramref name="masterId"/>. A master's stamps keep their spacing:
    /// they are read through the master's clock offset, which is 0 until a stamp lies further than <c>MaxClockSkewMs</c>
    /// from it (a master whose clock is wrong, or a message that waited in a queue); then the offset is set to that
    /// message's lag (its time becomes the receipt time) and counted. The next stamps of that master are shifted by the
    /// same offset, so a carton whose first edge waited seconds and whose second did not still has the dwell the master
    /// saw, instead of a negative one. No time is earlier than the port's last change.
    /// </summary>
    private DateTimeOffset ChangeTime(string masterId, PortState port, DateTimeOffset? stamped)
    {
        var now = _timeProvider.GetUtcNow();
        var at = now;
        if (stamped is { } stamp)
        {
            var lag = now - stamp;
            _offsets.TryGetValue(masterId, out var offset);
            if ((lag - offset).Duration() > TimeSpan.FromMilliseconds(_options.MaxClockSkewMs))
            {
                _clockSkewed++;
                offset = lag;
                _offsets[masterId] = offset;
            }

            at = stamp + offset; // Within MaxClockSkewMs of the receipt, either side, as an unshifted stamp may be.
        }

        if (port.LastChangeAt is { } last && at < last)
        {
            at = last;
        }

        port.LastChangeAt = at;
        return at;
    }

    private bool TryParseTopic(string topic, out string masterId, out int port)
    {
        masterId = "";
        port = 0;
        if (!topic.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(_prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var portPart = rest[(slash + 1)..];
        if (!portPart.StartsWith("port", StringComparison.Ordinal)
            || !int.TryParse(portPart[4..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        masterId = rest[..slash].ToString();
        return true;
    }

    private string MasterOf(string topic) =>
        TryParseTopic(topic, out var masterId, out _) ? masterId : "?";

    private void Count(IoLinkReadResult result)
    {
        switch (result)
        {
            case IoLinkReadResult.Changed: _changed++; break;
            case IoLinkReadResult.Unchanged: _unchanged++; break;
            case IoLinkReadResult.Duplicate: _duplicates++; break;
            case IoLinkReadResult.Malformed: _malformed++; break;
            case IoLinkReadResult.UnknownPort: _unknown++; break;
            default: _notPortTopics++; break;
        }
    }

    private sealed class PortState(IoLinkPortOptions options)
    {
        public IoLinkPortOptions Options { get; } = options;

        public bool? Active { get; set; }

        public long? LastSeq { get; set; }

        public DateTimeOffset? LastChangeAt { get; set; }
    }
}
