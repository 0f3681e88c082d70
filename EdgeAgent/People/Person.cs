using LiteDB;

namespace EdgeAgent.People;

/// <summary>A person who may sign in to the console (collection <c>people</c>, id = the name in lower case).</summary>
public sealed class Person
{
    [BsonId]
    public string Id { get; set; } = "";

    /// <summary>The name as given; the audit actor.</summary>
    public string Name { get; set; } = "";

    public PersonRole Role { get; set; }

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c>, the salt random per person.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Changes with the password or the role: sessions signed in under another stamp end.</summary>
    public string Stamp { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ChangedAt { get; set; }

    public static string KeyOf(string name) => name.ToLowerInvariant();
}
