using System.Net;
using System.Security.Cryptography;
using System.Text;
using CloudBridge.Contract.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>Decides which gateway a call comes from (client certificate or bearer token), or rejects it with a reason.</summary>
public sealed class GatewayAuthenticator(IOptions<IngressOptions> options)
{
    private readonly IngressOptions _options = options.Value;

    /// <summary>The authenticated gateway id; throws <see cref="RpcException"/> (Unauthenticated) otherwise.</summary>
    public string Authenticate(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        RequireTlsOffLoopback(http.Request.IsHttps, http.Connection.RemoteIpAddress);
        if (http.Connection.ClientCertificate is { } certificate)
        {
            var thumbprint = certificate.Thumbprint;
            foreach (var (id, credential) in _options.Gateways)
            {
                if (string.Equals(credential.CertificateThumbprint, thumbprint, StringComparison.OrdinalIgnoreCase))
                {
                    return id;
                }
            }
        }

        var gatewayId = context.RequestHeaders.GetValue(BridgeMetadata.GatewayHeader) ?? "";
        if (!_options.Gateways.TryGetValue(gatewayId, out var known))
        {
            throw Reject($"unknown gateway '{gatewayId}'");
        }

        var token = BearerToken(context);
        if (known.Token is null || token is null || !FixedTimeEquals(token, known.Token))
        {
            throw Reject($"bad or missing token for gateway '{gatewayId}'");
        }

        return gatewayId;
    }

    /// <summary>Checks the ERP's admin token.</summary>
    public void AuthenticateAdmin(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        RequireTlsOffLoopback(http.Request.IsHttps, http.Connection.RemoteIpAddress);
        var token = BearerToken(context);
        if (_options.AdminToken is null || token is null || !FixedTimeEquals(token, _options.AdminToken))
        {
            throw Reject("bad or missing admin token");
        }
    }

    private static void RequireTlsOffLoopback(bool isHttps, IPAddress? remote)
    {
        if (!isHttps && (remote is null || !IPAddress.IsLoopback(remote)))
        {
            throw Reject("plaintext is accepted from loopback only; connect with TLS");
        }
    }

    private static string? BearerToken(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static RpcException Reject(string why) => new(new Status(StatusCode.Unauthenticated, why));
}
