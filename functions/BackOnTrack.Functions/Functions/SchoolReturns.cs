using BackOnTrack.Application.Portal;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/schools/{laestab}/returns</c> (function key + <c>X-School-Key</c>): the returns tracker for the school in
/// the term the hub's clock is in: each kind received, rejected or still owed. No or another school's key: 401.
/// </summary>
internal sealed class SchoolReturns(SchoolPortalQueries queries)
{
    [Function(nameof(SchoolReturns))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schools/{laestab}/returns")] HttpRequest request, string laestab, CancellationToken cancellationToken)
    {
        var answer = await queries.ReturnsAsync(laestab, SchoolHttp.Key(request), cancellationToken).ConfigureAwait(false);
        return answer.Value is { } returns ? Results.Json(returns) : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }
}
