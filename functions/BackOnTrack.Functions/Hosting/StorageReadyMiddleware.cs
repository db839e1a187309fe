using BackOnTrack.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace BackOnTrack.Functions.Hosting;

/// <summary>
/// Holds each invocation until the hub's containers, queues and tables exist: the worker takes invocations as soon as
/// it has loaded, while storage provisioning runs in the background of its start.
/// </summary>
internal sealed class StorageReadyMiddleware(StorageProvisioning provisioning) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await provisioning.Ready.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
