namespace EdgeAgent.Bench.RoundTrip;

/// <summary>Something handhelds send their events to and that answers each with a prompt: the agent, or the echo reference.</summary>
internal interface IRoundTripTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The MQTT broker port the handhelds connect to.</summary>
    int BrokerPort { get; }

    /// <summary>Whether prompts follow the pick workflow, so the loop can check each one is the expected next step.</summary>
    bool FollowsWorkflow { get; }

    /// <summary>Makes <paramref name="tasks"/> more pick tasks available before a round.</summary>
    Task ReleaseTasksAsync(int tasks, CancellationToken cancellationToken);
}
