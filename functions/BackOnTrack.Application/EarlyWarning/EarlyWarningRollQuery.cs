using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Schools;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.EarlyWarning;

/// <summary>The body of <c>POST /api/schools/{laestab}/early-warning</c> as JSON: the school's roll, one UPN a string.</summary>
public sealed record EarlyWarningRollRequest(IReadOnlyList<string?>? Upns);

/// <summary>
/// The answer to a school's roll check. <see cref="Pupils"/> holds only pupils of the roll with an EarlyWarnings row at
/// this school (flagged now, or flagged before and cleared), by the UPN the school sent; the rest of the roll is not
/// flagged. When <see cref="Problems"/> is not empty the roll was not checked (400) and nothing else is said.
/// </summary>
/// <param name="AsOf">The as-of date of the school's latest recompute, or null when none has flagged anyone at it.</param>
/// <param name="Checked">How many distinct UPNs were checked.</param>
/// <param name="Flagged">How many of them are flagged now.</param>
public sealed record EarlyWarningRollResponse(
    string Laestab,
    DateOnly? AsOf,
    int Checked,
    int Flagged,
    IReadOnlyList<EarlyWarningRollPupil> Pupils,
    IReadOnlyList<RollProblem> Problems);

/// <param name="Upn">The UPN as the school sent it (upper-cased): only ever answered to that school.</param>
/// <param name="Line">Where it was in the roll (CSV line, or position in the JSON array).</param>
/// <param name="Status">New, Continuing or Cleared.</param>
/// <param name="FirstFlaggedAt">When the hub first flagged the pupil at this school.</param>
/// <param name="Reasons">Every reason that holds as of <paramref name="AsOf"/>, with the figures behind it; a cleared pupil's are those still holding, too few for a flag.</param>
public sealed record EarlyWarningRollPupil(
    string Upn,
    int Line,
    bool Flagged,
    string Status,
    string NcYear,
    DateTimeOffset FirstFlaggedAt,
    DateOnly AsOf,
    IReadOnlyList<EarlyWarningRollReason> Reasons);

/// <summary>One reason and its evidence: counts and dates for exclusion reasons, rates and sessions for attendance ones.</summary>
/// <param name="Kind">Behaviour or Attendance: a flag needs one of each unless a reason is set to be enough alone.</param>
public sealed record EarlyWarningRollReason(
    string Reason,
    string Kind,
    int? Count,
    int? PreviousCount,
    DateOnly? First,
    DateOnly? Last,
    decimal? Percent,
    decimal? BaselinePercent,
    int? Sessions)
{
    public static EarlyWarningRollReason From(ReasonEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new(evidence.Reason.ToString(), evidence.Reason.KindOf().ToString(), evidence.Count, evidence.PreviousCount, evidence.First, evidence.Last,
            evidence.Percent, evidence.BaselinePercent, evidence.Sessions);
    }
}

/// <summary>
/// A school checks its roll against the hub's early warnings (docs/architecture.md §Early warning): with a current key
/// of its own, it posts UPNs; each is pseudonymised with the hub's key chain, in memory and for this request only, and
/// looked up among that school's EarlyWarnings rows (one partition read). Pupils of another school are never answered,
/// whatever UPNs are posted; no UPN is stored or logged, and the logs hold counts only.
/// </summary>
public sealed partial class EarlyWarningRollQuery(
    ISchoolKeys keys,
    IEarlyWarnings store,
    IOptions<HubOptions> hub,
    ILogger<EarlyWarningRollQuery> logger)
{
    public const string NotAuthorised = "A current key of this school is required in header X-School-Key.";

    /// <summary>A roll posted as JSON.</summary>
    public Task<SchoolAnswer<EarlyWarningRollResponse>> CheckAsync(string laestab, string? presentedKey, EarlyWarningRollRequest? request, CancellationToken cancellationToken) =>
        CheckAsync(laestab, presentedKey, () => SchoolRoll.FromList(request?.Upns), cancellationToken);

    /// <summary>A roll posted as a CSV (or XLSX) file with a UPN column.</summary>
    public Task<SchoolAnswer<EarlyWarningRollResponse>> CheckFileAsync(string laestab, string? presentedKey, Stream content, CancellationToken cancellationToken) =>
        CheckAsync(laestab, presentedKey, () => SchoolRoll.FromFile(content), cancellationToken);

    private async Task<SchoolAnswer<EarlyWarningRollResponse>> CheckAsync(string laestab, string? presentedKey, Func<SchoolRoll> read, CancellationToken cancellationToken)
    {
        // The key first: a roll is not read, let alone hashed, for someone who is not the school.
        if (!Laestab.TryParse(laestab, out var school, out _) || !await keys.IsCurrentKeyAsync(school, presentedKey, cancellationToken).ConfigureAwait(false))
        {
            LogRefused(logger);
            return new(SchoolRequestOutcome.NotAuthorised, null, NotAuthorised);
        }

        var roll = read();
        if (!roll.IsValid)
        {
            LogInvalid(logger, school.Value, roll.Problems.Count);
            var summary = roll.Problems.Count == 1 && roll.Problems[0].Line == 0
                ? roll.Problems[0].Problem
                : $"{roll.Problems.Count} line(s) of the roll are not valid UPNs; nothing was checked. Correct them and send the roll again.";
            return new(SchoolRequestOutcome.Invalid, new EarlyWarningRollResponse(school.Value, null, 0, 0, [], roll.Problems), summary);
        }

        var flags = (await store.ReadSchoolAsync(school, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Flag.PupilKey, s => s.Flag, StringComparer.Ordinal);
        var pupils = new List<EarlyWarningRollPupil>();
        using (var pseudonymiser = new Pseudonymiser(hub.Value.PseudonymisationKeyChain()))
        {
            foreach (var entry in roll.Pupils)
            {
                if (flags.TryGetValue(pseudonymiser.KeyFor(entry.Upn).Value, out var flag))
                {
                    pupils.Add(new EarlyWarningRollPupil(entry.Upn.Value, entry.Line, flag.Flagged, flag.Status.ToString(), flag.NcYear, flag.FirstFlaggedAt, flag.AsOf,
                        [.. flag.Evidence.Select(EarlyWarningRollReason.From)]));
                }
            }
        }

        var asOf = flags.Count == 0 ? (DateOnly?)null : flags.Values.Max(f => f.AsOf);
        var flagged = pupils.Count(p => p.Flagged);
        LogChecked(logger, school.Value, roll.Pupils.Count, flagged);
        return new(SchoolRequestOutcome.Ok, new EarlyWarningRollResponse(school.Value, asOf, roll.Pupils.Count, flagged,
            [.. pupils.OrderBy(p => p.Flagged ? 0 : 1).ThenBy(p => p.Line)], []));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Early-warning roll check for school {School}: {Checked} pupil(s) checked, {Flagged} flagged")]
    private static partial void LogChecked(ILogger logger, string school, int @checked, int flagged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Early-warning roll check for school {School} refused: {Problems} problem(s) with the roll")]
    private static partial void LogInvalid(ILogger logger, string school, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An early-warning roll check was refused: no current key for the school")]
    private static partial void LogRefused(ILogger logger);
}
