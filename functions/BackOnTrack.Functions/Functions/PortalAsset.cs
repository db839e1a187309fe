using BackOnTrack.Application.Portal;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary><c>GET /api/portal/{asset}</c> (anonymous): the portal's stylesheet or script, embedded in the app; any other name is a 404.</summary>
internal sealed class PortalAsset(PortalSite site)
{
    [Function(nameof(PortalAsset))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{asset}")] HttpRequest request, string asset) =>
        PortalHttp.Serve(request, site, PortalSite.Asset(asset));
}
