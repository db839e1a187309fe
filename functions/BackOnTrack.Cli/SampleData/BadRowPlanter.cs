namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// Plants bad rows among a file's good ones. Each bad row is an extra row made from a good one (a copy with one thing
/// spoiled), placed somewhere after it, so the good data stays whole and the truth needs no adjusting; and a duplicate
/// is the second of its pair, the one the hub rejects.
/// </summary>
internal static class BadRowPlanter
{
    /// <param name="good">The file's good rows, in file order.</param>
    /// <param name="kinds">The bad rows to plant, one of each entry.</param>
    /// <param name="spoil">Makes a bad row of a kind from a good row, with a description of the problem; null when that row cannot carry it.</param>
    /// <param name="random">Chooses which rows are copied and where the copies go.</param>
    public static List<Planted<T>> Plant<T>(
        IReadOnlyList<T> good, IReadOnlyList<BadRowKind> kinds, Func<BadRowKind, T, (T Row, string Problem)?> spoil, SampleRandom random)
        where T : class
    {
        var rows = good.Select(r => new Planted<T>(r, null)).ToList();
        foreach (var kind in kinds)
        {
            var start = random.Next(good.Count);
            var planted = false;
            for (var k = 0; k < good.Count && !planted; k++)
            {
                var original = good[(start + k) % good.Count];
                if (spoil(kind, original) is not { } bad)
                {
                    continue;
                }

                var after = rows.FindIndex(r => ReferenceEquals(r.Row, original)) + 1;
                rows.Insert(random.Next(after, rows.Count + 1), new Planted<T>(bad.Row, bad.Problem));
                planted = true;
            }

            if (!planted)
            {
                throw new InvalidOperationException($"No row of this file can be made into a {kind} bad row.");
            }
        }

        return rows;
    }

    /// <summary>What a spoiler says for a kind of bad row its file cannot have: a mistake in a school's plan.</summary>
    public static InvalidOperationException Unsupported(BadRowKind kind, string file) =>
        new($"A {file} file cannot have a {kind} bad row.");
}
