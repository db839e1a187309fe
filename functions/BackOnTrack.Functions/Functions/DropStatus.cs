using BackOnTrack.Application.Schools;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/drops/{laestab}/{dropId}</c> or <c>GET /api/drops/{laestab}?blob={name}</c> (function key +
/// <c>X-School-Key</c>): one of the school's drops, its status, counts and report. Another school's drop: 404.
/// </summary>
internal sealed class DropStatus(SchoolUploadsUseCase uploads)
{
    [Function(nameof(DropStatus))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drops/{laestab}/{dropId?}")] HttpRequest request,
        string laestab, string? dropId, CancellationToken cancellationToken)
    {
        var answer = await uploads.StatusAsync(laestab, SchoolHttp.Key(request), dropId, request.Query["blob"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
        return answer.Value is { } status ? Results.Json(status) : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }
}
