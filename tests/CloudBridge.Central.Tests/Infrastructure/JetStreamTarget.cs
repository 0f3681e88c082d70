using CloudBridge.JetStream;

namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>Where a test's central lives on JetStream: names unique to the test, so tests share a server without meeting.</summary>
public sealed record JetStreamTarget(string Url, int Replicas = 1, int Partitions = 2)
{
    public string Name { get; } = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>The sink's message size limit (a smaller one splits a batch into several messages).</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    public JetStreamOptions Options() => new()
    {
        MaxMessageBytes = MaxMessageBytes,
        Url = Url,
        Replicas = Replicas,
        Partitions = Partitions,
        Stream = Name,
        SubjectPrefix = Name.ToLowerInvariant(),
        LedgerBucket = Name + "_LEDGER",
        AuditBucket = Name + "_AUDIT",
        CommandStream = Name + "_CMD",
        CommandSubjectPrefix = Name.ToLowerInvariant() + ".cmd",
    };

    /// <summary>The same as configuration arguments for an ingress host.</summary>
    public string[] Args()
    {
        var o = Options();
        return
        [
            "--Ingress:Sink=jetstream",
            "--Ingress:JetStream:Url=" + o.Url,
            "--Ingress:JetStream:Replicas=" + o.Replicas,
            "--Ingress:JetStream:Partitions=" + o.Partitions,
            "--Ingress:JetStream:MaxMessageBytes=" + o.MaxMessageBytes,
            "--Ingress:JetStream:Stream=" + o.Stream,
            "--Ingress:JetStream:SubjectPrefix=" + o.SubjectPrefix,
            "--Ingress:JetStream:LedgerBucket=" + o.LedgerBucket,
            "--Ingress:JetStream:AuditBucket=" + o.AuditBucket,
            "--Ingress:JetStream:CommandStream=" + o.CommandStream,
            "--Ingress:JetStream:CommandSubjectPrefix=" + o.CommandSubjectPrefix,
        ];
    }
}
