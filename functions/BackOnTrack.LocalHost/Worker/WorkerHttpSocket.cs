using System.Net.Sockets;

namespace BackOnTrack.LocalHost.Worker;

/// <summary>Connections to a worker's own HTTP server, which listens on a Unix socket of its own (see <see cref="WorkerProcess.HttpSocketPath"/>).</summary>
internal static class WorkerHttpSocket
{
    /// <summary>A socket connected to the worker's HTTP server; throws <see cref="SocketException"/> while it is not listening.</summary>
    public static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
