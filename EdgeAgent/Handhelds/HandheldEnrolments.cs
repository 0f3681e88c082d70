using System.Security.Cryptography;
using System.Text;
using EdgeAgent.Audit;
using EdgeAgent.Broker;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

/// <summary>
/// Enrolment of handhelds from the console: a supervisor makes a one-time code, the handheld app redeems it once for
/// its own device id and broker password, and a lost device is revoked (refused and disconnected at once). Every change
/// is stored (with its audit record, for the supervisor's acts) before the broker or the pick loop hears of it.
/// </summary>
public sealed partial class HandheldEnrolments(
    DurableStore store,
    AgentBroker broker,
    HandheldRegistry registry,
    AuditLog audit,
    IOptions<HandheldOptions> options,
    TimeProvider time,
    ILogger<HandheldEnrolments> logger)
{
    public const string CodesCollection = "handheld_enrolment_codes";
    public const string DevicesCollection = "handheld_devices";
    public const string DeviceKind = "handheld";

    // No 0/O, 1/I: a code is read off a screen and typed with gloves.
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;
    private static readonly TimeSpan KeepUsedCodes = TimeSpan.FromDays(1);
    private readonly WrongCodeLimit _wrongCodes = new(time, options.Value.MaxWrongEnrolmentCodesPerMinute);

    /// <summary>A new one-time code, valid for <c>Handhelds:EnrolmentCodeMinutes</c>.</summary>
    /// <param name="deviceId">The id the handheld will get; null lets the agent make one (<c>hh-xxxxxx</c>).</param>
    public async Task<EnrolmentResult<IssuedCode>> IssueAsync(string actor, string? deviceId, CancellationToken ct)
    {
        if (broker.Embedded is null)
        {
            return EnrolmentResult.Fail<IssuedCode>(EnrolmentStatus.ExternalBroker, "The site runs an external broker (Broker:Mode External): add the handheld to its password file and ACL (`EdgeAgent devices add --kind handheld`), then set its login in the app by hand");
        }

        if (deviceId is not null && !DeviceTopic.IsValidSegment(deviceId))
        {
            return EnrolmentResult.Fail<IssuedCode>(EnrolmentStatus.BadId, $"'{deviceId}' is not a valid device id (1-64 letters, digits, '-' or '_')");
        }

        var code = NewCode();
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now.AddMinutes(options.Value.EnrolmentCodeMinutes);
        var result = await store.WriteAsync(db =>
        {
            if (deviceId is not null && TakenBy(db, deviceId) is { } taken)
            {
                return EnrolmentResult.Fail<IssuedCode>(EnrolmentStatus.IdTaken, taken);
            }

            var codes = db.GetCollection<EnrolmentCode>(CodesCollection);
            codes.DeleteMany(c => c.ExpiresAt < now - KeepUsedCodes);
            codes.Insert(new EnrolmentCode { Id = Hash(code), CreatedAt = now, ExpiresAt = expires, CreatedBy = actor, DeviceId = deviceId });
            audit.Append(db, Entry("handheld.enrol", actor, "code-issued", new { deviceId, expiresAt = expires }, "enrolment code made for a handheld"));
            return EnrolmentResult.Ok(new IssuedCode(code, expires, deviceId));
        }, ct);
        if (result.Status == EnrolmentStatus.Ok)
        {
            LogIssued(logger, actor, deviceId ?? "(any)", expires);
        }

        return result;
    }

    /// <summary>Redeems a code once: the handheld's id and a fresh password the broker accepts from now on.</summary>
    public async Task<EnrolmentResult<HandheldCredentials>> RedeemAsync(string code, CancellationToken ct)
    {
        if (broker.Embedded is not { } embedded)
        {
            return EnrolmentResult.Fail<HandheldCredentials>(EnrolmentStatus.ExternalBroker, "This site's handhelds are set up by hand (external broker)");
        }

        if (_wrongCodes.IsExceeded())
        {
            return EnrolmentResult.Fail<HandheldCredentials>(EnrolmentStatus.TooManyAttempts, "Too many wrong codes in the last minute; wait a minute and try again");
        }

        var password = DevicesCommandPassword();
        var passwordHash = PasswordHash.Create(password);
        var now = time.GetUtcNow().UtcDateTime;
        var result = await store.WriteAsync(db =>
        {
            var codes = db.GetCollection<EnrolmentCode>(CodesCollection);
            var issued = codes.FindById(Hash(Normalise(code)));
            if (issued is null || issued.RedeemedAt is not null || issued.ExpiresAt <= now)
            {
                return EnrolmentResult.Fail<HandheldCredentials>(EnrolmentStatus.UnknownCode, "This enrolment code is unknown, used or expired; ask a supervisor for a new one");
            }

            var deviceId = issued.DeviceId ?? NewDeviceId(db);
            if (TakenBy(db, deviceId) is { } taken)
            {
                return EnrolmentResult.Fail<HandheldCredentials>(EnrolmentStatus.IdTaken, taken);
            }

            issued.RedeemedAt = now;
            issued.RedeemedAs = deviceId;
            codes.Update(issued);
            db.GetCollection<EnrolledHandheld>(DevicesCollection).Upsert(new EnrolledHandheld
            {
                Id = deviceId, PasswordHash = passwordHash, EnrolledAt = now, EnrolledBy = issued.CreatedBy,
            });
            var ledger = new FloorCollections(db).Ledgers.FindById(deviceId);
            return EnrolmentResult.Ok(new HandheldCredentials(deviceId, password, (ledger?.LastSeq ?? 0) + 1));
        }, ct);

        if (result.Value is { } credentials)
        {
            embedded.Admit(credentials.DeviceId, new BrokerClient { Kind = DeviceKind, PasswordHash = passwordHash });
            registry.Enrol(credentials.DeviceId);
            LogEnrolled(logger, credentials.DeviceId);
        }
        else if (result.Status == EnrolmentStatus.UnknownCode)
        {
            _wrongCodes.Count();
        }

        return result;
    }

    /// <summary>Revokes an enrolled handheld: stored first, then refused by the broker and disconnected at once.</summary>
    public async Task<EnrolmentResult<EnrolledHandheld>> RevokeAsync(string deviceId, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var result = await store.WriteAsync(db =>
        {
            var devices = db.GetCollection<EnrolledHandheld>(DevicesCollection);
            if (devices.FindById(deviceId) is not { RevokedAt: null } device)
            {
                return EnrolmentResult.Fail<EnrolledHandheld>(EnrolmentStatus.NotFound, registry.IsConfigured(deviceId)
                    ? $"'{deviceId}' is in the site file, not enrolled: remove it from Broker:Clients and Handhelds:Devices and restart the agent"
                    : $"No enrolled handheld '{deviceId}' (or it is already revoked)");
            }

            device.RevokedAt = now;
            device.RevokedBy = actor;
            devices.Update(device);
            audit.Append(db, Entry("handheld.revoke", actor, "revoked", new { deviceId }, "handheld revoked: refused by the broker from now on"));
            return EnrolmentResult.Ok(device);
        }, ct);

        if (result.Status == EnrolmentStatus.Ok)
        {
            registry.Revoke(deviceId);
            if (broker.Embedded is { } embedded)
            {
                await embedded.RevokeAsync(deviceId, ct);
            }

            LogRevoked(logger, deviceId, actor);
        }

        return result;
    }

    /// <summary>Every enrolled handheld, revoked ones included, newest first.</summary>
    public IReadOnlyList<EnrolledHandheld> List() => store.Read(db =>
        db.GetCollection<EnrolledHandheld>(DevicesCollection).FindAll().OrderByDescending(d => d.EnrolledAt).ToList());

    /// <summary>At start: lets the handhelds enrolled before (and not revoked) in again.</summary>
    public int AdmitEnrolled()
    {
        var active = store.Read(db => db.GetCollection<EnrolledHandheld>(DevicesCollection).Find(d => d.RevokedAt == null).ToList());
        foreach (var device in active)
        {
            broker.Embedded?.Admit(device.Id, new BrokerClient { Kind = DeviceKind, PasswordHash = device.PasswordHash });
            registry.Enrol(device.Id);
        }

        return active.Count;
    }

    /// <summary>The code as typed or scanned: case, spaces and dashes do not matter.</summary>
    internal static string Normalise(string code) =>
        new([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);

    private string? TakenBy(LiteDatabase db, string deviceId)
    {
        if (registry.IsConfigured(deviceId) || broker.Embedded?.IsConfigured(deviceId) == true)
        {
            return $"'{deviceId}' is a device in the site file; choose another id";
        }

        return db.GetCollection<EnrolledHandheld>(DevicesCollection).FindById(deviceId) is { RevokedAt: null }
            ? $"'{deviceId}' is an enrolled handheld; revoke it first to enrol a new one under that id"
            : null;
    }

    private string NewDeviceId(LiteDatabase db)
    {
        while (true)
        {
            var id = "hh-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 6);
            if (TakenBy(db, id) is null && db.GetCollection<EnrolledHandheld>(DevicesCollection).FindById(id) is null)
            {
                return id;
            }
        }
    }

    private static string NewCode()
    {
        var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        return $"{code[..4]}-{code[4..]}";
    }

    private static string DevicesCommandPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code))));

    private static AuditEntry Entry(string action, string actor, string verdict, object outcome, string reason) => new()
    {
        Kind = AuditKind.HumanAction,
        ActionType = action,
        Actor = actor,
        Verdict = verdict,
        Outcome = System.Text.Json.JsonSerializer.Serialize(outcome, System.Text.Json.JsonSerializerOptions.Web),
        Reason = reason,
    };

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "{Actor} made a handheld enrolment code for {Device}, valid until {ExpiresAt:u}")]
    private static partial void LogIssued(ILogger logger, string actor, string device, DateTime expiresAt);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Handheld {Device} enrolled: the broker accepts its login from now on")]
    private static partial void LogEnrolled(ILogger logger, string device);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Handheld {Device} revoked by {Actor}: disconnected and refused from now on")]
    private static partial void LogRevoked(ILogger logger, string device, string actor);
}
