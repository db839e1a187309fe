using System.Security.Cryptography;
using System.Text;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Identifiers;

public class PupilKeys
{
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void IsTheFirst32HexCharactersOfHmacSha256OfTheUpn()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes("B801200005001")))[..32];
        Assert.True(Upn.TryParse(" b801200005001", out var upn, out _));
        using var pseudonymiser = new Pseudonymiser(Key);

        var key = pseudonymiser.KeyFor(upn);

        Assert.Equal(expected, key.Value);
        Assert.Equal(32, key.Value.Length);
    }

    [Fact]
    public void DependsOnTheKey()
    {
        Assert.True(Upn.TryParse("B801200005001", out var upn, out _));
        using var one = new Pseudonymiser(Key);
        using var other = new Pseudonymiser(Key.Select(b => (byte)(b ^ 0xFF)).ToArray());

        Assert.NotEqual(one.KeyFor(upn), other.KeyFor(upn));
    }

    [Fact]
    public void GivesTheSameKeyEachTimeFromOneReusedInstance()
    {
        Assert.True(Upn.TryParse("B801200005001", out var first, out _));
        Assert.True(Upn.TryParse("P207000016049", out var second, out _));
        using var pseudonymiser = new Pseudonymiser(Key);

        var a = pseudonymiser.KeyFor(first);
        var b = pseudonymiser.KeyFor(second);

        Assert.Equal(a, pseudonymiser.KeyFor(first));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void RefusesAKeyShorterThan32Bytes()
    {
        Assert.Throws<ArgumentException>(() => new Pseudonymiser(new byte[31]));
    }
}
