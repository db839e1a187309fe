namespace BackOnTrack.Functions.Invocations;

/// <summary>A function the Functions host invokes by POSTing to <c>/{Name}</c> (queue and timer triggers).</summary>
public interface IInvokedFunction
{
    /// <summary>The function's name, which is also its folder (<c>{Name}/function.json</c>) and its route.</summary>
    string Name { get; }

    /// <summary>Runs one invocation. Throwing fails it: the host retries a queue message and, after
    /// <c>maxDequeueCount</c> failures, moves it to the poison queue.</summary>
    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}

/// <summary>An HTTP function: served as an ordinary endpoint because host.json proxies HTTP requests unchanged.</summary>
/// <param name="Name">The function's name and folder.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Route">The route below <c>/api/</c>, as in function.json.</param>
public sealed record HttpFunctionRoute(string Name, string Method, string Route);
