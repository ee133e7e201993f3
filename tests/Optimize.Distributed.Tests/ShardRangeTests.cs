namespace Optimize.Distributed.Tests;

public class ShardRangeTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 3)]
    [InlineData(10, 4)]
    [InlineData(3, 5)]
    [InlineData(0, 2)]
    [InlineData(1_000_000, 64)]
    public void PartsCoverEveryItemOnceInRankOrderAndDifferByAtMostOne(int total, int size)
    {
        var parts = Enumerable.Range(0, size).Select(rank => ShardRange.Of(total, rank, size)).ToArray();
        Assert.Equal(0, parts[0].Start);
        for (int rank = 1; rank < size; rank++) Assert.Equal(parts[rank - 1].End, parts[rank].Start);
        Assert.Equal(total, parts[^1].End);
        Assert.True(parts.Max(p => p.Count) - parts.Min(p => p.Count) <= 1);
        Assert.True(parts.Zip(parts.Skip(1)).All(pair => pair.First.Count >= pair.Second.Count), "earlier ranks take the remainder");
    }

    [Fact]
    public void RejectsRanksOutsideTheGroupAndBadCounts()
    {
        Assert.Equal("rank", Assert.Throws<ArgumentOutOfRangeException>(() => ShardRange.Of(10, 4, 4)).ParamName);
        Assert.Equal("rank", Assert.Throws<ArgumentOutOfRangeException>(() => ShardRange.Of(10, -1, 4)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => ShardRange.Of(10, 0, 0)).ParamName);
        Assert.Equal("total", Assert.Throws<ArgumentOutOfRangeException>(() => ShardRange.Of(-1, 0, 1)).ParamName);
        Assert.Equal("communicator", Assert.Throws<ArgumentNullException>(() => ShardRange.Of(10, null!)).ParamName);
    }
}
