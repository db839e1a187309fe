using System.Text.Json;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Application.Schools;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>POST /api/schools/{laestab}/early-warning</c> (function key + <c>X-School-Key</c>): the school's roll, as JSON
/// <c>{"upns":[…]}</c> or as the bytes of a CSV/XLSX file with a UPN column; the answer lists the roll's pupils the
/// early-warning rules flag (or have cleared), by the UPNs the school sent. Invalid UPNs: 400 naming their lines.
/// </summary>
internal sealed class EarlyWarningRoll(EarlyWarningRollQuery query)
{
    // A roll of 5,000 UPNs with a few other columns is well under this; more is not a roll.
    private const long MaxRollBytes = 5L * 1024 * 1024;

    [Function(nameof(EarlyWarningRoll))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "schools/{laestab}/early-warning")] HttpRequest request, string laestab, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRollBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "A roll is at most 5 MB: send the UPN column alone.");
        }

        var key = SchoolHttp.Key(request);
        SchoolAnswer<EarlyWarningRollResponse> answer;
        if (request.HasJsonContentType())
        {
            EarlyWarningRollRequest? roll;
            try
            {
                roll = await JsonSerializer.DeserializeAsync<EarlyWarningRollRequest>(request.Body, SchoolHttp.Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is JSON: {\"upns\":[\"…\", …]}, or a CSV/XLSX file with a UPN column.");
            }

            answer = await query.CheckAsync(laestab, key, roll, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The file readers look at the content's first bytes and may read it twice: hold the small roll in memory.
            using var content = new MemoryStream();
            await request.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            content.Position = 0;
            answer = await query.CheckFileAsync(laestab, key, content, cancellationToken).ConfigureAwait(false);
        }

        return answer.Outcome switch
        {
            SchoolRequestOutcome.Ok => Results.Json(answer.Value, SchoolHttp.Json),
            SchoolRequestOutcome.Invalid when answer.Value is { } invalid => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: answer.Problem,
                extensions: new Dictionary<string, object?> { ["problems"] = invalid.Problems.Select(p => new { line = p.Line, problem = p.Problem }).ToArray() }),
            _ => SchoolHttp.Problem(answer.Outcome, answer.Problem),
        };
    }
}
