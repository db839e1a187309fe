namespace BackOnTrack.Cli.LocalRun;

/// <summary>
/// What a local run prints while it works: the host's and the worker's own log lines, one per line, from Information
/// up; the gRPC and HTTP plumbing only when it warns.
/// </summary>
internal static class LocalLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Azure.Core", LogLevel.Warning)
        .AddFilter("Grpc", LogLevel.Warning)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
}
