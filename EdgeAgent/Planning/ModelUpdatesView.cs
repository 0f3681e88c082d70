using EdgeAgent.Models.Manifest;
using EdgeAgent.Storage;

namespace EdgeAgent.Planning;

/// <summary>The model versions deciding now, the one in shadow, and the latest updates central sent, for <c>GET /api/planning</c>.</summary>
internal static class ModelUpdatesView
{
    public static object From(ModelLibrary library, DurableStore store)
    {
        var g = library.Current;
        var updates = store.Read(db => db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection).FindAll()
            .OrderByDescending(u => u.UpdatedAt).Take(10)
            .Select(u => new { u.Id, u.ModelName, u.Version, State = u.State.ToString(), u.Received, u.Chunks, u.Detail, u.UpdatedAt }).ToList());
        var versions = store.Read(db => db.GetCollection<ModelVersionRecord>(ModelVersionRecord.Collection).FindAll().ToDictionary(v => v.Id, v => v.HasPrevious, StringComparer.Ordinal));
        return new
        {
            Active = new[] { ModelNames.PickDuration, ModelNames.LateRisk }.Select(name => new
            {
                Name = name,
                g.IdentityOf(name)?.Version,
                g.IdentityOf(name)?.Sha256,
                CanRollBack = versions.GetValueOrDefault(name),
            }),
            Shadow = g.Shadow is { } s ? new { s.UpdateId, s.ModelName, s.Identity.Version, s.Identity.Sha256, s.StartedAt } : null,
            Updates = updates,
        };
    }
}
