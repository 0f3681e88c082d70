using System.Text;

namespace EdgeAgent.Storage;

/// <summary>
/// Checks an existing store file starts like a LiteDB 5 file before LiteDB opens it: LiteDB accepts
/// some short or foreign files without complaint and may write over them.
/// </summary>
internal static class StoreFileHeader
{
    private const int PageSize = 8192;
    private const int SignatureOffset = 32;
    private static readonly byte[] Signature = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Throws <see cref="InvalidDataException"/> unless the file is absent, empty (LiteDB starts it afresh) or signed.</summary>
    public static void EnsureLiteDb(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        if (file.Length == 0)
        {
            return;
        }

        if (file.Length < PageSize)
        {
            throw new InvalidDataException($"the file is {file.Length} bytes, shorter than one {PageSize}-byte LiteDB page");
        }

        Span<byte> head = stackalloc byte[SignatureOffset + Signature.Length];
        file.ReadExactly(head);
        if (!head[SignatureOffset..].SequenceEqual(Signature))
        {
            throw new InvalidDataException("the file does not start with a LiteDB header page");
        }
    }
}
