namespace EdgeAgent.Audit;

/// <summary>
/// One thing an audit record is about (collection <c>audit_subjects</c>, indexed by key), e.g. <c>order:SO-1</c>,
/// <c>task:T-9</c>, <c>device:hh-3</c>, <c>person:sue</c>, <c>picker:P-02</c>; written with the record, outside its hash.
/// </summary>
public sealed class AuditSubject
{
    public long Id { get; set; }

    public string Key { get; set; } = "";

    public long Seq { get; set; }
}
