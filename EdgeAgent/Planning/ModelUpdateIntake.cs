using System.Text.RegularExpressions;
using System.Threading.Channels;
using CloudBridge.Contract.V1;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Manifest;
using Google.Protobuf;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Planning;

/// <summary>
/// Takes a <c>MODEL_UPDATE</c> chunk inside the store write that moves the downlink cursor: the chunk is on
/// disk when the cursor passes it, so a restart mid-transfer resumes with the next chunk central sends.
/// Only database work here (the write may be retried); the model is verified by <see cref="ModelUpdater"/>
/// once the last chunk is stored.
/// </summary>
public sealed partial class ModelUpdateIntake(IOptions<ModelsOptions> options)
{
    private readonly Channel<string> _complete = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Ids of updates whose last chunk was stored (a hint: the updater also looks in the store).</summary>
    public ChannelReader<string> Complete => _complete.Reader;

    public void Receive(LiteDatabase db, FloorCollections floor, Command command, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(command);
        ModelUpdateChunk chunk;
        try
        {
            chunk = ModelUpdateChunk.Parser.ParseFrom(command.Payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            Refuse(floor, now, command, "(unknown)", "(unknown)", ModelUpdateRefusal.Malformed, $"the payload is not a model update chunk: {ex.Message}");
            return;
        }

        if (Problem(chunk) is { } problem)
        {
            Refuse(floor, now, command, chunk.UpdateId, chunk.ModelName, ModelUpdateRefusal.Malformed, problem);
            return;
        }

        var updates = db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection);
        var update = updates.FindById(chunk.UpdateId) ?? new ModelUpdateRecord { Id = chunk.UpdateId, ModelName = chunk.ModelName, Chunks = (int)chunk.Count };
        if (update.State != ModelUpdateState.Receiving)
        {
            Refuse(floor, now, command, chunk.UpdateId, chunk.ModelName, ModelUpdateRefusal.Malformed, $"update {chunk.UpdateId} is already {update.State.ToString().ToLowerInvariant()}; send a new update id");
            return;
        }

        if (update.ModelName != chunk.ModelName || update.Chunks != (int)chunk.Count)
        {
            Abandon(db, update, now, ModelUpdateRefusal.Malformed, $"chunk {chunk.Index} says {chunk.ModelName} in {chunk.Count} chunks, the first said {update.ModelName} in {update.Chunks}");
            Refuse(floor, now, command, chunk.UpdateId, chunk.ModelName, ModelUpdateRefusal.Malformed, update.Detail!);
            return;
        }

        var chunks = db.GetCollection<ModelUpdateChunkRecord>(ModelUpdateChunkRecord.Collection);
        var id = ModelUpdateChunkRecord.IdOf(chunk.UpdateId, (int)chunk.Index);
        if (chunks.FindById(id) is null)
        {
            update.Bytes += chunk.Data.Length;
            update.Received++;
            if (update.Bytes > options.Value.MaxUpdateBytes)
            {
                Abandon(db, update, now, ModelUpdateRefusal.Malformed, $"the model is larger than Models:MaxUpdateBytes ({options.Value.MaxUpdateBytes} bytes)");
                Refuse(floor, now, command, chunk.UpdateId, chunk.ModelName, ModelUpdateRefusal.Malformed, update.Detail!);
                return;
            }

            chunks.Insert(new ModelUpdateChunkRecord { Id = id, UpdateId = chunk.UpdateId, Index = (int)chunk.Index, Data = chunk.Data.ToByteArray() });
        }

        if (chunk.Index == 0)
        {
            update.Manifest = chunk.Manifest.ToStringUtf8();
        }

        update.LastCommandId = command.CommandId;
        update.UpdatedAt = now;
        if (update.Received == update.Chunks)
        {
            update.State = ModelUpdateState.Received;
            _complete.Writer.TryWrite(update.Id);
        }

        updates.Upsert(update);
    }

    /// <summary>Records the refusal as the command's result for central: <c>command.rejected</c> and the typed <c>model.update-refused</c>.</summary>
    internal static void Refuse(FloorCollections floor, DateTime now, Command command, string updateId, string modelName, string code, string detail) =>
        Refuse(floor, now, command.CommandId, updateId, modelName, code, detail);

    internal static void Refuse(FloorCollections floor, DateTime now, string commandId, string updateId, string modelName, string code, string detail)
    {
        floor.Record(new CommandRejected { At = now, DeviceId = PickPlanner.Planner, CommandId = commandId, Kind = nameof(CommandKind.ModelUpdate), Reason = $"{code}: {detail}" });
        floor.Record(new ModelUpdateRefused { At = now, DeviceId = PickPlanner.Planner, UpdateId = updateId, CommandId = commandId, ModelName = modelName, ReasonCode = code, Detail = detail });
    }

    /// <summary>Marks an update refused and drops its stored chunks.</summary>
    internal static void Abandon(LiteDatabase db, ModelUpdateRecord update, DateTime now, string code, string detail)
    {
        update.State = ModelUpdateState.Refused;
        update.Detail = $"{code}: {detail}";
        update.UpdatedAt = now;
        db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection).Upsert(update);
        db.GetCollection<ModelUpdateChunkRecord>(ModelUpdateChunkRecord.Collection).DeleteMany(c => c.UpdateId == update.Id);
    }

    private static string? Problem(ModelUpdateChunk chunk)
    {
        if (!UpdateIdPattern().IsMatch(chunk.UpdateId))
        {
            return $"update id '{chunk.UpdateId}' is not 1-64 letters, digits, '.', '_' or '-'";
        }

        if (chunk.ModelName is not (ModelNames.PickDuration or ModelNames.LateRisk))
        {
            return $"the agent has no model called '{chunk.ModelName}' (it has {ModelNames.PickDuration} and {ModelNames.LateRisk})";
        }

        if (chunk.Count == 0 || chunk.Index >= chunk.Count)
        {
            return $"chunk {chunk.Index} of {chunk.Count} is not a chunk of the update";
        }

        return chunk.Index == 0 && chunk.Manifest.IsEmpty ? "chunk 0 carries no manifest" : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex UpdateIdPattern();
}
