using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Core.Ingest.Records;

/// <summary>One school in the LA's schools register for one academic year.</summary>
/// <param name="Laestab">The school's DfE number.</param>
/// <param name="Urn">The 6-digit Unique Reference Number (GIAS).</param>
/// <param name="Name">The school's name, trimmed.</param>
/// <param name="Phase">The phase metrics use.</param>
/// <param name="AcademicYear">The year the row describes.</param>
/// <param name="Headcount">Pupils on roll at the January census (the exclusion-rate denominator).</param>
public sealed record SchoolRecord(
    Laestab Laestab,
    string Urn,
    string Name,
    SchoolPhase Phase,
    AcademicYear AcademicYear,
    int Headcount) : DropRecord;
