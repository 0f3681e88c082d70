namespace EdgeAgent.Planning;

/// <summary>How a shadow trial ended: promote the candidate or keep the current model, with the measure both were judged on.</summary>
public sealed record ShadowVerdict(string UpdateId, bool Promote, string Measure, double CurrentError, double CandidateError, int Samples, string Reason);
