namespace BackOnTrack.Cli.LocalRun;

/// <summary>
/// What a local run prints while it works: the host's and the worker's own log lines, one per line, from Information
/// up; the gRPC and HTTP plumbing only when it warns, the storage SDK only on errors (its warnings include every expected 404 and 409).
/// </summary>
internal static class LocalLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Azure.Core", LogLevel.Error)
        .AddFilter("Grpc", LogLevel.Warning)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
}
