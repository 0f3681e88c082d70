using CloudBridge.Contract.V1;
using LiteDB;

namespace CloudBridge.Downlink;

/// <summary>
/// Applies one downlink command inside the store transaction that also moves the cursor, so a command is
/// applied exactly once. May be re-run with the transaction: pure database work only.
/// </summary>
public interface ICommandHandler
{
    void Apply(LiteDatabase db, Command command);
}
