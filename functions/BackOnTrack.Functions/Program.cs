using BackOnTrack.Application.Hosting;
using BackOnTrack.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;

// The Functions host (or the local host) starts this worker with its endpoint on the command line and the app's
// settings in the environment, which the default configuration reads.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<StorageReadyMiddleware>();
// Request-by-request SDK and HTTP chatter would drown the hub's own counts and ids. The storage SDK logs every
// non-success answer as a warning, the expected ones too (404 for a report not yet written, 409 for a container that
// exists); a failure that matters reaches the hub's code as an exception, which it logs or reports.
builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
// ASP.NET Core integration brings Data Protection, which nothing here uses (no cookies, no antiforgery): its key warning is noise.
builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
builder.Services.AddBackOnTrackHub(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
