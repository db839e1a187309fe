using BackOnTrack.Application;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary><c>GET /api/health</c> (anonymous): 200 when storage answers (status Healthy, or Degraded when a poison
/// queue holds messages), 503 when it does not.</summary>
internal sealed class Health(HubHealth health)
{
    [Function(nameof(Health))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
