namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// A seeded pseudo-random sequence (SplitMix64) for the sample dataset, which must come out byte-identical on every
/// machine and .NET version. <see cref="Random"/> with a seed is stable in practice, but its algorithm is not a
/// documented contract, so the generator carries its own. Not for anything that must be unpredictable.
/// </summary>
internal sealed class SampleRandom
{
    private ulong _state;

    private SampleRandom(ulong seed) => _state = seed;

    /// <summary>
    /// An independent sequence for one purpose (e.g. "register 3722001"), so that changing how one part of the dataset
    /// is drawn does not reshuffle every other part.
    /// </summary>
    public static SampleRandom For(string purpose)
    {
        // FNV-1a: string.GetHashCode is randomised per process, so it cannot seed anything reproducible.
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new SampleRandom(hash);
    }

    /// <summary>A whole number from 0 up to, not including, <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A whole number from <paramref name="min"/> up to, not including, <paramref name="maxExclusive"/>.</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>One of the items, each as likely as its weight.</summary>
    public T PickWeighted<T>(IReadOnlyList<(T Item, int Weight)> items)
    {
        var roll = Next(items.Sum(i => i.Weight));
        foreach (var (item, weight) in items)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Weights must be positive.");
    }

    private ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
