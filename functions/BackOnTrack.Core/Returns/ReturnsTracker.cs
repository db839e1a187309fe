using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Returns;

/// <summary>A school as the Schools register lists it for one academic year.</summary>
public sealed record RegisteredSchool(AcademicYear Year, string Laestab, string Name, string Phase);

/// <summary>A drop as table DataDrops records it: what the returns tracker needs of it.</summary>
public sealed record ReceivedDrop(
    string Scope, string DropId, string BlobName, string? Kind, DropStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, int RowsAccepted);

/// <summary>One school's returns in a term: every drop it sent then, oldest first.</summary>
/// <param name="Name">The register's name, or null for a school that sent drops but is not in the register.</param>
public sealed record SchoolReturn(string Laestab, string? Name, string? Phase, IReadOnlyList<ReceivedDrop> Drops)
{
    public bool InRegister => Name is not null;

    /// <summary>True when at least one of its drops this term was accepted (status <c>Processed</c>).</summary>
    public bool HasAcceptedDrop => Drops.Any(d => d.Status == DropStatus.Processed);

    /// <summary>The kinds with an accepted drop this term.</summary>
    public IReadOnlyList<string> KindsAccepted =>
        [.. Drops.Where(d => d.Status == DropStatus.Processed && d.Kind is not null).Select(d => d.Kind!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The latest drop of a kind (null kind: drops whose kind could not be told), or null when none came.</summary>
    public ReceivedDrop? Latest(string? kind) => Drops.LastOrDefault(d => d.Kind == kind);
}

/// <summary>Every school's returns for one term of one academic year.</summary>
/// <param name="RegisterYear">The register the expected schools came from (the term's year, else the latest before it).</param>
public sealed record TermReturns(AcademicYear Year, Period Term, DateOnly Start, DateOnly End, AcademicYear? RegisterYear, IReadOnlyList<SchoolReturn> Schools)
{
    /// <summary>Schools with no accepted drop this term: the ones to chase before the board meets.</summary>
    public IReadOnlyList<SchoolReturn> Missing => [.. Schools.Where(s => !s.HasAcceptedDrop)];
}

/// <summary>
/// The returns tracker: for a term, which kinds of data each school sent, when, and with what status. A drop belongs to
/// the term in which it was received (the UTC date of its upload), not to the period its rows describe, because the
/// question is "who has sent this term's return". Expected schools are the term's academic year's register, or the
/// latest earlier register when this year's has not been sent yet; schools that sent drops without being in it are
/// listed too.
/// </summary>
public static class ReturnsTracker
{
    /// <summary>The kinds of drop a school sends (LA-wide kinds come from the LA, not from schools).</summary>
    public static IReadOnlyList<string> SchoolKinds { get; } = ["Exclusions", "AttendanceMarks", "AttendanceSummary"];

    public static TermReturns ForTerm(IEnumerable<RegisteredSchool> register, IEnumerable<ReceivedDrop> drops, AcademicYear year, Period term)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(drops);
        var (start, end) = AcademicCalendar.DatesOf(year, term);
        var registers = register.GroupBy(s => s.Year).ToDictionary(g => g.Key, g => g.ToList());
        AcademicYear? registerYear = registers.Keys.Where(y => y <= year).Select(y => (AcademicYear?)y).Max();
        var expected = registerYear is { } chosen ? registers[chosen] : [];

        var received = drops
            // Schools' drops only: the LA's own files, plans and DfE statistics have partitions of their own.
            .Where(d => Laestab.TryParse(d.Scope, out _, out _) && DateOnly.FromDateTime(d.ReceivedAt.UtcDateTime) is var day && day >= start && day <= end)
            .GroupBy(d => d.Scope, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReceivedDrop>)[.. g.OrderBy(d => d.ReceivedAt).ThenBy(d => d.DropId, StringComparer.Ordinal)], StringComparer.Ordinal);

        var schools = expected
            .Select(s => new SchoolReturn(s.Laestab, s.Name, s.Phase, received.GetValueOrDefault(s.Laestab) ?? []))
            .Concat(received.Keys.Except(expected.Select(s => s.Laestab), StringComparer.Ordinal).Select(laestab => new SchoolReturn(laestab, null, null, received[laestab])))
            .OrderBy(s => s.Laestab, StringComparer.Ordinal)
            .ToList();
        return new TermReturns(year, term, start, end, registerYear, schools);
    }
}
