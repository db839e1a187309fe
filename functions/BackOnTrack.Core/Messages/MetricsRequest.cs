using System.Text.Json;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Messages;

/// <summary>
/// A <c>metrics-requests</c> message: recompute one scope's figures for one academic year. On the wire
/// <c>{"scope":"3724001","academicYear":"2015-16"}</c> (or <c>"scope":"LA"</c>); senders and RecomputeMetrics both go
/// through <see cref="Serialize"/> and <see cref="Parse"/>.
/// </summary>
public sealed record MetricsRequest(Scope Scope, AcademicYear AcademicYear)
{
    private const string Shape = "A metrics request is {\"scope\":\"<LAESTAB>|LA\",\"academicYear\":\"yyyy-yy\"}.";

    /// <summary>From a drop's school-year as DataDrops records it (<c>scope|yyyy-yy</c>).</summary>
    public static MetricsRequest FromSchoolYear(string schoolYear)
    {
        ArgumentNullException.ThrowIfNull(schoolYear);
        var bar = schoolYear.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && Scope.TryParse(schoolYear[..bar], out var scope) && AcademicYear.TryParse(schoolYear[(bar + 1)..], out var year)
            ? new MetricsRequest(scope, year)
            : throw new ArgumentException($"'{schoolYear}' is not a school-year (scope|yyyy-yy).", nameof(schoolYear));
    }

    public string Serialize() => QueueJson.Write(writer =>
    {
        writer.WriteString("scope", Scope.Value);
        writer.WriteString("academicYear", AcademicYear.ToString());
    });

    public static MetricsRequest Parse(string message)
    {
        using var json = QueueJson.Read(message, Shape);
        var root = json.RootElement;
        return Scope.TryParse(QueueJson.String(root, "scope", Shape), out var scope)
               && AcademicYear.TryParse(QueueJson.String(root, "academicYear", Shape), out var year)
            ? new MetricsRequest(scope, year)
            : throw new InvalidQueueMessageException(Shape);
    }
}
