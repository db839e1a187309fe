using BackOnTrack.Application.Portal;
using BackOnTrack.Functions.Invocations;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/portal</c> (anonymous): the school portal's page. It holds no data and no key; the school signs in on
/// the page, which then calls the school functions with its key in <c>X-School-Key</c>.
/// </summary>
internal static class PortalApi
{
    public static readonly HttpFunctionRoute Route = new("Portal", "GET", "portal");

    public static IResult Handle(HttpResponse response, PortalSite site)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(site);
        return PortalHttp.Serve(response, site, site.Page);
    }
}

/// <summary>How a portal file is answered: its bytes with the security headers, or a 404 with them.</summary>
internal static class PortalHttp
{
    public static IResult Serve(HttpResponse response, PortalSite site, PortalAsset? asset)
    {
        foreach (var (name, value) in asset is null ? site.HeadersForNotFound() : site.HeadersFor(asset))
        {
            response.Headers[name] = value;
        }

        return asset is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file.")
            : response.HttpContext.Request.Headers.IfNoneMatch.ToString() == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
    }
}
