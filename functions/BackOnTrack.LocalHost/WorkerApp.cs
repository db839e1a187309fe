namespace BackOnTrack.LocalHost;

/// <summary>
/// An isolated worker app as its build or publish laid it out: the folder holding the app's assembly,
/// <c>host.json</c>, <c>worker.config.json</c> and <c>functions.metadata</c>, and the settings the app reads (the
/// Functions host hands a function app its app settings as environment variables).
/// </summary>
public sealed class WorkerApp
{
    public WorkerApp(string directory, string assemblyName, IReadOnlyDictionary<string, string> settings)
    {
        Directory = Path.GetFullPath(directory);
        AssemblyPath = Path.Combine(Directory, assemblyName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? assemblyName : assemblyName + ".dll");
        if (!File.Exists(AssemblyPath))
        {
            throw new FileNotFoundException($"The worker app's assembly {AssemblyPath} does not exist: build or publish the app first.", AssemblyPath);
        }

        Settings = settings;
    }

    public string Directory { get; }

    public string AssemblyPath { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>
    /// The host.json the host reads: the app's own, unless given another — a test may shorten <c>visibilityTimeout</c>
    /// so a redelivery is quick. (The worker does not read host.json; the host does.)
    /// </summary>
    public string HostJsonPath
    {
        get => _hostJsonPath ?? Path.Combine(Directory, "host.json");
        init => _hostJsonPath = value;
    }

    private readonly string? _hostJsonPath;
}
