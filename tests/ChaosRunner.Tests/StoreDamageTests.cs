using ChaosRunner;

namespace ChaosRunner.Tests;

public sealed class StoreDamageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chaos-damage-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TearLogTail_LeavesEveryWholePage_AndAppendsTheStartOfAPageCutShort()
    {
        var log = Path.Combine(_directory, StoreDamage.LogFile);
        var pages = new byte[3 * StoreDamage.PageSize];
        new Random(1).NextBytes(pages);
        File.WriteAllBytes(log, pages);

        var said = StoreDamage.TearLogTail(_directory, new Random(2));

        var after = File.ReadAllBytes(log);
        Assert.Equal(pages, after[..pages.Length]);
        int torn = after.Length - pages.Length;
        Assert.InRange(torn, 1, StoreDamage.PageSize - 1);
        Assert.Equal(pages[(2 * StoreDamage.PageSize)..((2 * StoreDamage.PageSize) + torn)], after[pages.Length..]);
        Assert.Contains("3 whole pages", said, StringComparison.Ordinal);
    }

    [Fact]
    public void TearLogTail_WithoutALogPage_ChangesNothing_AndSaysSo()
    {
        var said = StoreDamage.TearLogTail(_directory, new Random(2));

        Assert.Contains("no log page to tear", said, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_directory));
    }

    [Fact]
    public void CutInHalf_CutsTheLogToHalfItsLength_LeavingItsFirstHalfAsItWas()
    {
        var log = Path.Combine(_directory, StoreDamage.LogFile);
        var data = Path.Combine(_directory, StoreDamage.DataFile);
        var pages = new byte[5 * StoreDamage.PageSize];
        new Random(1).NextBytes(pages);
        File.WriteAllBytes(log, pages);
        File.WriteAllBytes(data, pages);

        var said = StoreDamage.CutInHalf(_directory);

        Assert.Equal(pages[..(pages.Length / 2)], File.ReadAllBytes(log));
        Assert.Equal(pages, File.ReadAllBytes(data));
        Assert.Contains($"{StoreDamage.LogFile} cut in half", said, StringComparison.Ordinal);
    }

    [Fact]
    public void CutInHalf_WithALogOfLessThanTwoPages_CutsTheDataFile()
    {
        var log = Path.Combine(_directory, StoreDamage.LogFile);
        var data = Path.Combine(_directory, StoreDamage.DataFile);
        File.WriteAllBytes(log, new byte[StoreDamage.PageSize]);
        File.WriteAllBytes(data, new byte[4 * StoreDamage.PageSize]);

        var said = StoreDamage.CutInHalf(_directory);

        Assert.Equal(StoreDamage.PageSize, new FileInfo(log).Length);
        Assert.Equal(2 * StoreDamage.PageSize, new FileInfo(data).Length);
        Assert.Contains($"{StoreDamage.DataFile} cut in half", said, StringComparison.Ordinal);
    }

    [Fact]
    public void CutInHalf_WithNothingToCut_ChangesNothing_AndSaysSo()
    {
        var said = StoreDamage.CutInHalf(_directory);

        Assert.Contains("nothing to cut", said, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_directory));
    }
}
