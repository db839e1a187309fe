using BackOnTrack.Application.Metrics;
using BackOnTrack.Core.Identifiers;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/metrics/{scope}/{academicYear}</c> (function key): a school's (LAESTAB) or the LA's (<c>LA</c>) figures
/// for a year, every period and breakdown, with the matching DfE benchmarks. 400 for a malformed scope or year, 404
/// when there are no figures.
/// </summary>
internal sealed class Metrics(MetricsQuery query)
{
    [Function(nameof(Metrics))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "metrics/{scope}/{academicYear}")] HttpRequest request,
        string scope, string academicYear, CancellationToken cancellationToken)
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
