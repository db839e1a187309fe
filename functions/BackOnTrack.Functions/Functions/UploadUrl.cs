using System.Text.Json;
using BackOnTrack.Application.Schools;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>POST /api/schools/{laestab}/upload-url</c> (function key + <c>X-School-Key</c>), body <c>{"fileName":"…"}</c> for a
/// new file or <c>{"replaces":"…"}</c> to overwrite one of the school's files (query parameters of the same names work
/// too): a SAS URL for that one blob, valid for minutes, and where to ask about the drop afterwards.
/// </summary>
internal sealed class UploadUrl(SchoolUploadsUseCase uploads)
{
    [Function(nameof(UploadUrl))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "schools/{laestab}/upload-url")] HttpRequest request,
        string laestab, CancellationToken cancellationToken)
    {
        UploadRequest asked;
        try
        {
            asked = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is JSON: {\"fileName\":\"…\"} or {\"replaces\":\"…\"}.");
        }

        var answer = await uploads.IssueUploadUrlAsync(laestab, SchoolHttp.Key(request), asked, cancellationToken).ConfigureAwait(false);
        return answer.Value is { } grant
            ? Results.Json(new
            {
                blobName = grant.BlobName,
                uploadUrl = grant.UploadUrl.AbsoluteUri,
                method = "PUT",
                requiredHeaders = new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" },
                expiresAt = grant.ExpiresAt,
                replaces = grant.Replaces,
                statusUrl = $"api/drops/{Uri.EscapeDataString(laestab)}?blob={Uri.EscapeDataString(grant.BlobName)}",
            })
            : SchoolHttp.Problem(answer.Outcome, answer.Problem);
    }

    private static async Task<UploadRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonSerializer.DeserializeAsync<UploadRequest>(request.Body, SchoolHttp.Json, cancellationToken).ConfigureAwait(false);
            if (body is not null && (body.FileName is not null || body.Replaces is not null))
            {
                return body;
            }
        }

        return new UploadRequest(request.Query["fileName"].FirstOrDefault(), request.Query["replaces"].FirstOrDefault());
    }
}
