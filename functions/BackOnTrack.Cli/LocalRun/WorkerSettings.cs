namespace BackOnTrack.Cli.LocalRun;

/// <summary>Settings as a worker process receives them: environment variable names, sections joined by <c>__</c>.</summary>
internal static class WorkerSettings
{
    public static Dictionary<string, string> From(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!, StringComparer.Ordinal);
}
