using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// One part's document types in the store and the indexes it queries by. Each part registers its own with
/// <see cref="StorageServiceCollectionExtensions.AddStoreDocuments"/>, so the store knows no feature.
/// </summary>
/// <param name="Part">Who owns them, for messages.</param>
/// <param name="Types">Mapped once before the store opens (LiteDB's mapper races on a first mapping; see <see cref="StoreMapping"/>).</param>
/// <param name="EnsureIndexes">Creates the part's indexes; run in one write while the host starts, cheap when they exist.</param>
public sealed record StoreDocuments(string Part, IReadOnlyList<Type> Types, Action<LiteDatabase>? EnsureIndexes = null);
