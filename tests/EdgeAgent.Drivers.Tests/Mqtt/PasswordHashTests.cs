using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Drivers.Tests.Mqtt;

public sealed class PasswordHashTests
{
    [Fact]
    public void AHash_VerifiesItsPassword_AndNoOther()
    {
        var hash = PasswordHash.Create("s3cret");

        Assert.True(PasswordHash.Verify("s3cret", hash));
        Assert.False(PasswordHash.Verify("s3cret ", hash));
        Assert.False(PasswordHash.Verify(null, hash));
        Assert.DoesNotContain("s3cret", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSamePassword_HashesDifferentlyEachTime()
    {
        Assert.NotEqual(PasswordHash.Create("pw"), PasswordHash.Create("pw"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$10$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha256$10000$not base64$AAAA")]
    [InlineData("md5$10000$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void AMalformedHash_IsNeverAMatch_AndIsReportedAsMalformed(string? hash)
    {
        Assert.False(PasswordHash.IsWellFormed(hash));
        Assert.False(PasswordHash.Verify("anything", hash));
    }
}
