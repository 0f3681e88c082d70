namespace EdgeAgent.Hosting;

/// <summary>
/// What a host that embeds the agent (the demo, a test) adds to it: configuration defaults under the
/// site's own sources, and services registered before or after the agent's parts.
/// </summary>
/// <remarks>
/// Hosted services start in registration order and stop in reverse, so what <see cref="BeforeParts"/>
/// registers is up before the bridge, the broker and the conveyor, and is stopped after them; what
/// <see cref="AfterParts"/> registers starts once the agent's parts are running. A part registered with
/// <c>TryAdd</c> (the conveyor's I²C bus, say) keeps what <see cref="BeforeParts"/> put there.
/// </remarks>
public sealed class AgentHostOptions
{
    /// <summary>Configuration over appsettings.json and under the site file, <c>EDGEAGENT__</c> variables and the command line.</summary>
    public IReadOnlyDictionary<string, string?> ConfigurationDefaults { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection, IConfiguration>? BeforeParts { get; init; }

    public Action<IServiceCollection, IConfiguration>? AfterParts { get; init; }
}
