using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EdgeAgent.Storage;

/// <summary>
/// A digest of every page of the data file, written at a clean close (<c>&lt;name&gt;.pages</c>) and removed by the
/// next open before anything writes, so that when it exists the data file has not been written since: a page whose
/// bytes no longer match was damaged at rest. LiteDB 5 has no page checksums of its own.
/// </summary>
/// <remarks>Each page's digest is the first 8 bytes of its SHA-256 (accelerated by the CPU's SHA instructions).</remarks>
internal static class PageDigest
{
    private const int PageSize = StoreInspection.PageSize;
    private const ulong Magic = 0x3147_5041_4745_4145; // "EAEGAPG1"

    public static string PathOf(string databasePath) => Path.ChangeExtension(databasePath, ".pages");

    public static ulong Of(ReadOnlySpan<byte> page)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(page, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>Digests <paramref name="databasePath"/> into its <c>.pages</c> file (temp file, fsync, rename, directory fsync).</summary>
    public static void Write(string databasePath)
    {
        var target = PathOf(databasePath);
        var temp = target + ".tmp";
        using (var data = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            var pages = data.Length / PageSize;
            Span<byte> word = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(word, Magic);
            file.Write(word);
            BinaryPrimitives.WriteInt64LittleEndian(word, data.Length);
            file.Write(word);
            var page = new byte[PageSize];
            for (var i = 0L; i < pages; i++)
            {
                data.ReadExactly(page);
                BinaryPrimitives.WriteUInt64LittleEndian(word, Of(page));
                file.Write(word);
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temp, target, overwrite: true);
        NativeMethods.FSyncPath(Path.GetDirectoryName(target)!);
    }

    /// <summary>The length and page digests recorded at the last clean close; null when there is none or it is unreadable.</summary>
    public static (long Length, ulong[] Pages)? Read(string databasePath)
    {
        var path = PathOf(databasePath);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || (bytes.Length - 16) % 8 != 0 || BinaryPrimitives.ReadUInt64LittleEndian(bytes) != Magic)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        var pages = new ulong[(bytes.Length - 16) / 8];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16 + (i * 8)));
        }

        return (length, pages);
    }

    /// <summary>Removes the digest before the store is written (so a stale one never outlives a crash).</summary>
    public static void Remove(string databasePath)
    {
        var path = PathOf(databasePath);
        if (File.Exists(path))
        {
            File.Delete(path);
            NativeMethods.FSyncPath(Path.GetDirectoryName(path)!);
        }
    }
}
