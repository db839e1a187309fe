using BackOnTrack.Application.Portal;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/schools/{laestab}/drops</c> (function key + <c>X-School-Key</c>): the school's drops, newest first, with
/// status and counts (each report through DropStatus). No or another school's key: 401.
/// </summary>
internal sealed class SchoolDrops(SchoolPortalQueries queries)
{
    [Function(nameof(SchoolDrops))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schools/{laestab}/drops")] HttpRequest request, string laestab, CancellationToken cancellationToken)
    {
        var answer = await queries.DropsAsync(laestab, SchoolHttp.Key(request), cancellationToken).ConfigureAwait(false);
        return answer.Value is { } drops ? Results.Json(drops) : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }
}
