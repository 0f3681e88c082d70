using EdgeAgent.Audit;
using LiteDB;

namespace EdgeAgent.People;

/// <summary>The audit records of the console's people: sign-in, sign-out and each change to a person.</summary>
public static class PeopleAudit
{
    public const string SignInAction = "console.sign-in";
    public const string SignOutAction = "console.sign-out";

    public static AuditRecord SignedIn(AuditLog audit, LiteDatabase db, string name, string? client) =>
        Append(audit, db, AuditKind.HumanAction, SignInAction, name, "signed-in", $"signed in to the console from {client ?? "an unknown address"}");

    public static AuditRecord SignedOut(AuditLog audit, LiteDatabase db, string name) =>
        Append(audit, db, AuditKind.HumanAction, SignOutAction, name, "signed-out", "signed out of the console");

    /// <summary>A change to a person; the actor is who made it.</summary>
    public static AuditRecord Changed(AuditLog audit, LiteDatabase db, PersonChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var role = change.Role is null ? "" : $" (role {change.Role})";
        return Append(audit, db, AuditKind.ConfigurationChange, change.What, change.By, "changed",
            $"{change.What} {change.Name}{role} at {change.At:yyyy-MM-ddTHH:mm:ssZ}", $$"""{"person":"{{change.Name}}"}""");
    }

    private static AuditRecord Append(AuditLog audit, LiteDatabase db, AuditKind kind, string action, string actor, string verdict, string reason, string? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.Append(db, new AuditEntry { Kind = kind, ActionType = action, Actor = actor, Verdict = verdict, Reason = reason, Outcome = outcome });
    }
}
