using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>One step of the store's format: what turns a store of format <c>To - 1</c> into format <c>To</c>.</summary>
/// <param name="To">The format the store has once <paramref name="Apply"/> has run.</param>
/// <param name="Description">What changes, for the log.</param>
/// <param name="Apply">Pure database work; runs in one transaction with the new format number.</param>
public sealed record StoreMigration(int To, string Description, Action<LiteDatabase> Apply);
