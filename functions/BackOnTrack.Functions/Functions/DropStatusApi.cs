using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Schools;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/drops/{laestab}/{dropId}</c> or <c>GET /api/drops/{laestab}?blob={name}</c> (function key +
/// <c>X-School-Key</c>): one of the school's drops, its status, counts and report. Another school's drop: 404.
/// </summary>
internal static class DropStatusApi
{
    public static readonly HttpFunctionRoute Route = new("DropStatus", "GET", "drops/{laestab}/{dropId?}");

    public static async Task<IResult> HandleAsync(string laestab, string? dropId, HttpRequest request, SchoolUploadsUseCase uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await uploads.StatusAsync(laestab, request.Headers[SchoolHttp.KeyHeader].ToString(), dropId, request.Query["blob"].FirstOrDefault(), cancellationToken)
            .ConfigureAwait(false);
        return answer.Value is { } status ? Results.Json(status) : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }
}

/// <summary>What the school-facing functions share: the key header and how a refusal is answered.</summary>
internal static class SchoolHttp
{
    public const string KeyHeader = "X-School-Key";

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IResult Problem(SchoolRequestOutcome outcome, string? problem) => Results.Problem(
        statusCode: outcome switch
        {
            SchoolRequestOutcome.NotAuthorised => StatusCodes.Status401Unauthorized,
            SchoolRequestOutcome.Invalid => StatusCodes.Status400BadRequest,
            SchoolRequestOutcome.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status404NotFound,
        },
        title: problem);
}
