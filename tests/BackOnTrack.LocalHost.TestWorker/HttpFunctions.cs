using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.LocalHost.TestWorker;

/// <summary>HTTP functions answering with a status and body chosen by the request, through ASP.NET Core integration.</summary>
public sealed class HttpFunctions
{
    [Function("Greet")]
    public static IActionResult Greet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet/{name}")] HttpRequest request, string name) =>
        request.Headers.TryGetValue("X-School-Key", out var key) && key == "secret"
            ? new ContentResult { StatusCode = 201, Content = $"hello {name}", ContentType = "text/plain" }
            : new UnauthorizedResult();

    [Function("Echo")]
    public static async Task<IActionResult> Echo([HttpTrigger(AuthorizationLevel.Function, "post", Route = "echo")] HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return new ContentResult { StatusCode = 202, Content = body.ToUpperInvariant(), ContentType = "text/plain" };
    }
}
