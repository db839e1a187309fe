using System.Collections.Concurrent;
using BackOnTrack.LocalHost.Rpc;
using Grpc.Core;
using GrpcException = Grpc.Core.RpcException;

namespace BackOnTrack.LocalHost.Worker;

/// <summary>The workers the host has started and is waiting for, by the worker id it gave each on its command line.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _expected = new(StringComparer.Ordinal);

    public void Expect(WorkerChannel channel) => _expected[channel.WorkerId] = channel;

    public void Forget(WorkerChannel channel) => _expected.TryRemove(channel.WorkerId, out _);

    public WorkerChannel? Find(string workerId) => _expected.GetValueOrDefault(workerId);
}

/// <summary>The host's side of <c>FunctionRpc.EventStream</c>: the stream a worker opens is handed to the channel expecting it.</summary>
internal sealed class FunctionRpcService(WorkerRegistry registry) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false)
            || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new GrpcException(new Status(StatusCode.InvalidArgument, "The first message of a worker's stream must be StartStream."));
        }

        var channel = registry.Find(requestStream.Current.StartStream.WorkerId)
                      ?? throw new GrpcException(new Status(StatusCode.NotFound, $"No worker {requestStream.Current.StartStream.WorkerId} was started by this host."));
        await channel.RunAsync(requestStream, responseStream, context.CancellationToken).ConfigureAwait(false);
    }
}
