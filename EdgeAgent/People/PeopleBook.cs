using System.Security.Cryptography;
using LiteDB;

namespace EdgeAgent.People;

/// <summary>
/// Adding, removing and re-passwording people: pure store work (hash the password before the write), each returning
/// the <see cref="PersonChange"/> to audit, or a problem in words.
/// </summary>
public static class PeopleBook
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    /// <summary>Why <paramref name="name"/> cannot be a person's name, or null.</summary>
    public static string? NameProblem(string? name) =>
        name is null || name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
            ? $"'{name}' is not a valid name: 1-64 letters, digits, '.', '-', '_' or '@'"
            : null;

    /// <summary>Why <paramref name="password"/> cannot be a password, or null.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength
            ? $"a password is {MinPasswordLength}-{MaxPasswordLength} characters"
            : null;

    public static (PersonChange? Change, string? Problem) Add(LiteDatabase db, string name, PersonRole role, string passwordHash, DateTime now, string by)
    {
        var people = new PeopleCollections(db).People;
        if (people.FindById(Person.KeyOf(name)) is { } existing)
        {
            return (null, $"'{existing.Name}' already exists (role {existing.Role.ToString().ToLowerInvariant()}); use set-password, or remove it first");
        }

        people.Insert(new Person { Id = Person.KeyOf(name), Name = name, Role = role, PasswordHash = passwordHash, Stamp = NewStamp(), CreatedAt = now, ChangedAt = now });
        return (new PersonChange { At = now, Name = name, What = "person.add", Role = role.ToString().ToLowerInvariant(), By = by }, null);
    }

    public static (PersonChange? Change, string? Problem) Remove(LiteDatabase db, string name, DateTime now, string by)
    {
        var collections = new PeopleCollections(db);
        if (collections.People.FindById(Person.KeyOf(name)) is not { } person)
        {
            return (null, $"there is no person '{name}'");
        }

        collections.People.Delete(person.Id);
        collections.Sessions.DeleteMany(s => s.PersonId == person.Id);
        return (new PersonChange { At = now, Name = person.Name, What = "person.remove", By = by }, null);
    }

    public static (PersonChange? Change, string? Problem) SetPassword(LiteDatabase db, string name, string passwordHash, DateTime now, string by)
    {
        var collections = new PeopleCollections(db);
        if (collections.People.FindById(Person.KeyOf(name)) is not { } person)
        {
            return (null, $"there is no person '{name}'");
        }

        person.PasswordHash = passwordHash;
        person.Stamp = NewStamp();
        person.ChangedAt = now;
        collections.People.Update(person);
        collections.Sessions.DeleteMany(s => s.PersonId == person.Id);
        return (new PersonChange { At = now, Name = person.Name, What = "person.set-password", Role = person.Role.ToString().ToLowerInvariant(), By = by }, null);
    }

    public static List<Person> List(LiteDatabase db) => [.. new PeopleCollections(db).People.FindAll().OrderBy(p => p.Id, StringComparer.Ordinal)];

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
