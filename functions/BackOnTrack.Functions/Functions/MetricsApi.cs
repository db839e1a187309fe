using BackOnTrack.Core.Identifiers;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Metrics;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/metrics/{scope}/{academicYear}</c> (function key): a school's (LAESTAB) or the LA's (<c>LA</c>) figures
/// for a year, every period and breakdown, with the matching DfE benchmarks. 400 for a malformed scope or year, 404
/// when there are no figures.
/// </summary>
internal static class MetricsApi
{
    public static readonly HttpFunctionRoute Route = new("Metrics", "GET", "metrics/{scope}/{academicYear}");

    public static async Task<IResult> HandleAsync(string scope, string academicYear, MetricsQuery query, CancellationToken cancellationToken)
    {
        if (!Scope.TryParse(scope, out var parsed))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The scope is a school's LAESTAB (7 digits) or LA.");
        }

        if (!AcademicYear.TryParse(academicYear, out var year))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The academic year is written yyyy-yy, e.g. 2024-25.");
        }

        var answer = await query.ReadAsync(parsed.Value, year, cancellationToken).ConfigureAwait(false);
        return answer is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No figures for {parsed} in {year}.")
            : Results.Json(answer);
    }
}
