using BackOnTrack.Application.Portal;
using BackOnTrack.Functions.Invocations;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/schools/{laestab}/drops</c> (function key + <c>X-School-Key</c>): the school's drops, newest first, with
/// status and counts (each report through DropStatus). No or another school's key: 401.
/// </summary>
internal static class SchoolDropsApi
{
    public static readonly HttpFunctionRoute Route = new("SchoolDrops", "GET", "schools/{laestab}/drops");

    public static async Task<IResult> HandleAsync(string laestab, HttpRequest request, SchoolPortalQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        var answer = await queries.DropsAsync(laestab, request.Headers[SchoolHttp.KeyHeader].ToString(), cancellationToken).ConfigureAwait(false);
        return answer.Value is { } drops ? Results.Json(drops) : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }
}
