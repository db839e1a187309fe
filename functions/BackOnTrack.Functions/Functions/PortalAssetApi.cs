using BackOnTrack.Application.Portal;
using BackOnTrack.Functions.Invocations;

namespace BackOnTrack.Functions.Functions;

/// <summary><c>GET /api/portal/{asset}</c> (anonymous): the portal's stylesheet or script, embedded in the app; any other name is a 404.</summary>
internal static class PortalAssetApi
{
    public static readonly HttpFunctionRoute Route = new("PortalAsset", "GET", "portal/{asset}");

    public static IResult Handle(string asset, HttpResponse response, PortalSite site)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(site);
        return PortalHttp.Serve(response, site, PortalSite.Asset(asset));
    }
}
