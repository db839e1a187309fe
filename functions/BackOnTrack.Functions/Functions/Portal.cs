using BackOnTrack.Application.Portal;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// <c>GET /api/portal</c> (anonymous): the school portal's page. It holds no data and no key; the school signs in on
/// the page, which then calls the school functions with its key in <c>X-School-Key</c>.
/// </summary>
internal sealed class Portal(PortalSite site)
{
    [Function(nameof(Portal))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal")] HttpRequest request) =>
        PortalHttp.Serve(request, site, site.Page);
}
