using BackOnTrack.Application.Portal;

namespace BackOnTrack.Functions.Functions;

/// <summary>How a portal file is answered: its bytes with the security headers, or a 404 with them.</summary>
internal static class PortalHttp
{
    public static IResult Serve(HttpRequest request, PortalSite site, Application.Portal.PortalAsset? asset)
    {
        var response = request.HttpContext.Response;
        foreach (var (name, value) in asset is null ? site.HeadersForNotFound() : site.HeadersFor(asset))
        {
            response.Headers[name] = value;
        }

        return asset is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file.")
            : request.Headers.IfNoneMatch.ToString() == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
    }
}
