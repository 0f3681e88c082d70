using EdgeAgent.Drivers.Handhelds;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeAgent.Drivers.Mqtt;

/// <summary>Device authentication at connect, and the per-device ACL on publish and subscribe.</summary>
public sealed partial class EmbeddedBroker
{
    // Where the identity proved at connect travels with the client's session.
    private static readonly object IdentityKey = new();

    private bool AuthenticationRequired => _options.Authentication == BrokerAuthentication.Required;

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (!AuthenticationRequired)
        {
            args.ReasonCode = MqttConnectReasonCode.Success;
            return Task.CompletedTask;
        }

        var identity = Authenticate(args.ClientId, args.UserName, args.Password);
        if (identity is null)
        {
            Interlocked.Increment(ref _refusedConnections);
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            args.ReasonString = "unknown client, or wrong user name or password (the user name is the client id)";
            LogRefusal(args.ClientId ?? "", "(connect)", BrokerRefusalReason.NotAuthenticated);
            return Task.CompletedTask;
        }

        if (identity.IsAgent && args.CleanSession == true)
        {
            // A clean start begins with no subscription: what this session read before is read by nobody until it subscribes.
            Forget(identity.Id, filter: null);
        }
        else if (MustWaitForReader(identity))
        {
            RefuseUntilRead(args, identity);
            return Task.CompletedTask;
        }

        args.SessionItems[IdentityKey] = identity;
        args.ReasonCode = MqttConnectReasonCode.Success;
        return Task.CompletedTask;
    }

    private ClientIdentity? Authenticate(string? clientId, string? userName, string? password)
    {
        if (string.IsNullOrEmpty(clientId) || userName != clientId)
        {
            return null;
        }

        // The agent may hold several sessions (one per device family): "<AgentClientId>" and "<AgentClientId>-<role>".
        if (clientId == _options.AgentClientId || clientId.StartsWith(_options.AgentClientId + "-", StringComparison.Ordinal))
        {
            var secret = _options.AgentSecret;
            return !string.IsNullOrEmpty(secret) && password is not null
                && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(password), System.Text.Encoding.UTF8.GetBytes(secret))
                ? ClientIdentity.Agent(clientId)
                : null;
        }

        return FindDevice(clientId) is { } client && PasswordHash.Verify(password, client.PasswordHash)
            ? new ClientIdentity(clientId, client.Kind, IsAgent: false)
            : null;
    }

    private BrokerRefusalReason? CheckAcl(InterceptingPublishEventArgs args)
    {
        if (!AuthenticationRequired)
        {
            return null;
        }

        // A device revoked while connected is refused here too, in case its connection outran the disconnect.
        return args.SessionItems[IdentityKey] is ClientIdentity who
            && (who.IsAgent || FindDevice(who.Id) is not null)
            && DeviceAcl.CanPublish(who, _options.Site, args.ApplicationMessage.Topic)
            ? null
            : BrokerRefusalReason.ForbiddenTopic;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        if (!AuthenticationRequired
            || (args.SessionItems[IdentityKey] is ClientIdentity who && DeviceAcl.CanSubscribe(who, _options.Site, args.TopicFilter.Topic)))
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _refusedSubscriptions);
        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        args.ReasonString = "a device may subscribe to its own prompts only";
        LogRefusal(args.ClientId ?? "", args.TopicFilter.Topic, BrokerRefusalReason.ForbiddenSubscription);
        return Task.CompletedTask;
    }

    /// <summary>
    /// An MQTT 3.1.1 client is told a refused publish succeeded (an MQTT 5 client reads the PUBACK's reason code), so a
    /// device with a prompt topic, of either version, also gets an error prompt there saying why.
    /// </summary>
    private void TellDevice(InterceptingPublishEventArgs args, HandheldErrorCode code, string text)
    {
        if (_server is not { } server || args.SessionItems[IdentityKey] is not ClientIdentity { Kind: "handheld" } who)
        {
            return;
        }

        var prompt = HandheldPrompt.ForError(null, code, text);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(DeviceAcl.PromptTopic(who, _options.Site))
            .WithPayload(prompt.ToUtf8Json())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        _ = InjectAsync(server, message);
    }

    private async Task InjectAsync(MqttServer server, MqttApplicationMessage message)
    {
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = _options.AgentClientId });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            LogInjectFailed(message.Topic, ex);
        }
    }

    private void LogRefusal(string clientId, string topic, BrokerRefusalReason reason)
    {
        if (_refusalLogLimiter.ShouldLog($"{clientId}\n{reason}", out var suppressed))
        {
            LogPublishRefused(clientId, topic, reason, suppressed);
        }
    }
}
