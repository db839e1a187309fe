using BackOnTrack.Application.Portal;
using BackOnTrack.Functions.Invocations;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/schools/{laestab}/returns</c> (function key + <c>X-School-Key</c>): the returns tracker for the school in
/// the term the hub's clock is in: each kind received, rejected or still owed. No or another school's key: 401.
/// </summary>
internal static class SchoolReturnsApi
{
    public static readonly HttpFunctionRoute Route = new("SchoolReturns", "GET", "schools/{laestab}/returns");

    public static async Task<IResult> HandleAsync(string laestab, HttpRequest request, SchoolPortalQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        var answer = await queries.ReturnsAsync(laestab, request.Headers[SchoolHttp.KeyHeader].ToString(), cancellationToken).ConfigureAwait(false);
        return answer.Value is { } returns ? Results.Json(returns) : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }
}
