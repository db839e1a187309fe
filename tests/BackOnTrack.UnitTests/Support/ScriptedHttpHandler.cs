using System.Net;

namespace BackOnTrack.UnitTests.Support;

/// <summary>An HTTP transport that answers from a script and records what was sent: the seam for retry tests.</summary>
public sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();

    public List<(HttpMethod Method, Uri Uri, string? Authorization)> Requests { get; } = [];

    public ScriptedHttpHandler Then(HttpStatusCode status, Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public ScriptedHttpHandler ThenThrow(Exception exception)
    {
        _script.Enqueue(_ => throw exception);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
        if (_script.Count == 0)
        {
            throw new InvalidOperationException($"No scripted response left for {request.Method} {request.RequestUri}.");
        }

        return Task.FromResult(_script.Dequeue()(request));
    }
}
