using LiteDB;

namespace EdgeAgent.People;

/// <summary>The console's people, sessions and pending audit of offline changes in the agent's store.</summary>
public sealed class PeopleCollections(LiteDatabase db)
{
    public static readonly Type[] Documents = [typeof(Person), typeof(ConsoleSession), typeof(PersonChange)];

    public ILiteCollection<Person> People { get; } = db.GetCollection<Person>("people");

    public ILiteCollection<ConsoleSession> Sessions { get; } = db.GetCollection<ConsoleSession>("sessions");

    public ILiteCollection<PersonChange> Changes { get; } = db.GetCollection<PersonChange>("people_changes");

    public static void EnsureIndexes(LiteDatabase db)
    {
        new PeopleCollections(db).Sessions.EnsureIndex(s => s.PersonId);
    }
}
