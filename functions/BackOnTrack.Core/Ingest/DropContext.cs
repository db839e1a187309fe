using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest;

/// <summary>What validation needs to know beyond the file itself.</summary>
public sealed record DropContext
{
    /// <param name="now">The hub's clock (from its <see cref="TimeProvider"/>): dates after today are rejected.</param>
    /// <param name="school">The school whose prefix the file was uploaded under, or null for an LA-wide file (<c>drops/la/</c>).</param>
    /// <param name="pseudonymisationKey">The key for pupil keys (<c>Hub__PseudonymisationKey</c>, decoded; at least 32 bytes).</param>
    public DropContext(DateTimeOffset now, Laestab? school, ReadOnlyMemory<byte> pseudonymisationKey)
    {
        if (pseudonymisationKey.Length < Pseudonymiser.MinimumKeyBytes)
        {
            throw new ArgumentException($"The pseudonymisation key must be at least {Pseudonymiser.MinimumKeyBytes} bytes.", nameof(pseudonymisationKey));
        }

        Now = now;
        School = school;
        PseudonymisationKey = pseudonymisationKey;
        Today = UkTime.DateOf(now);
    }

    /// <summary>The hub's clock when the file is read.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// Today's date in England (Europe/London), the latest date a row may carry. UK time rather than UTC, so that a
    /// mark for today entered just after midnight in summer time is not "in the future".
    /// </summary>
    public DateOnly Today { get; }

    /// <summary>The uploading school, or null for an LA-wide file.</summary>
    public Laestab? School { get; }

    /// <summary>The pseudonymisation key.</summary>
    public ReadOnlyMemory<byte> PseudonymisationKey { get; }

    /// <summary>How big the file may be (settings <c>Ingest__Max…</c>); a file beyond them is rejected whole.</summary>
    public TabularLimits Limits { get; init; } = TabularLimits.Default;

    /// <summary>The keys used before the last rotations, oldest first (<c>Hub__PreviousPseudonymisationKeys</c>): see <see cref="Pseudonymiser"/>.</summary>
    public IReadOnlyList<byte[]> EarlierPseudonymisationKeys { get; init; } = [];

    /// <summary>The whole chain, oldest first, ending with the current key.</summary>
    public IReadOnlyList<byte[]> PseudonymisationKeyChain => [.. EarlierPseudonymisationKeys, PseudonymisationKey.ToArray()];
}
