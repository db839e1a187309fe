using BackOnTrack.Application;

namespace BackOnTrack.Functions.Functions;

/// <summary><c>GET /api/health</c> (anonymous): 200 when storage answers (status Healthy, or Degraded when a poison
/// queue holds messages), 503 when it does not.</summary>
internal static class Health
{
    public static readonly Invocations.HttpFunctionRoute Route = new(nameof(Health), "GET", "health");

    public static async Task<IResult> HandleAsync(HubHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
