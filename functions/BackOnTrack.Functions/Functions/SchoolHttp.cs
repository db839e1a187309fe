using System.Text.Json;
using BackOnTrack.Application.Schools;

namespace BackOnTrack.Functions.Functions;

/// <summary>What the school-facing functions share: the key header and how a refusal is answered.</summary>
internal static class SchoolHttp
{
    public const string KeyHeader = "X-School-Key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Key(HttpRequest request) => request.Headers[KeyHeader].ToString();

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
