namespace EdgeAgent.Simulators.Floor;

/// <summary>A confirm or short pick the agent answered: the task, and the handheld's <c>seq</c> of the answered message.</summary>
public sealed record AnsweredPick(string TaskId, long Seq);
