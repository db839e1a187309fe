using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>The settings a test gives the hub or an operations verb: its storage, the test key, and any overrides.</summary>
public static class OperationsSettings
{
    public static Dictionary<string, string?> Values(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Hub:PseudonymisationKey"] = TestHub.TestKey,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>For a verb's <c>configure</c> argument.</summary>
    public static Action<HostApplicationBuilder> Configure(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) =>
        builder => builder.Configuration.AddInMemoryCollection(Values(connectionString, settings));
}
