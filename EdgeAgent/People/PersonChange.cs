namespace EdgeAgent.People;

/// <summary>
/// A change <c>EdgeAgent users</c> made while the agent was stopped (collection <c>people_changes</c>). The command
/// has no bridge to ship audit records through, so the agent appends them to the audit chain when it starts.
/// </summary>
public sealed class PersonChange
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The person changed.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>person.add</c>, <c>person.remove</c> or <c>person.set-password</c>.</summary>
    public string What { get; set; } = "";

    /// <summary>The role after the change (add), for the record.</summary>
    public string? Role { get; set; }

    /// <summary>Who ran the command: the operating-system user.</summary>
    public string By { get; set; } = "";
}
