using LiteDB;

namespace EdgeAgent.People;

/// <summary>A signed-in console session (collection <c>sessions</c>): the cookie names it, signing out deletes it.</summary>
public sealed class ConsoleSession
{
    [BsonId]
    public string Id { get; set; } = "";

    public string PersonId { get; set; } = "";

    /// <summary>The person's stamp at sign-in; a changed password or role ends the session.</summary>
    public string Stamp { get; set; } = "";

    /// <summary>The anti-forgery token every state-changing request of this session carries in <c>X-CSRF-Token</c>.</summary>
    public string Csrf { get; set; } = "";

    public DateTime SignedInAt { get; set; }

    /// <summary>The latest the session lasts however active it is (the cookie's idle expiry slides within it).</summary>
    public DateTime EndsAt { get; set; }
}
