using System.Text.Json;

namespace BackOnTrack.Application.Configuration;

/// <summary>
/// Settings as the Functions host gives them: environment variables named like app settings (<c>Section__Key</c>),
/// over <c>local.settings.json</c>'s <c>Values</c> when that file exists (local runs only; it is never committed).
/// </summary>
public static class HubConfiguration
{
    public const string LocalSettingsFile = "local.settings.json";

    public static void AddHubSettings(this IConfigurationBuilder builder)
    {
        builder.Sources.Clear();
        var localSettings = FindLocalSettings();
        if (localSettings is not null)
        {
            builder.AddInMemoryCollection(ReadValues(localSettings));
        }

        builder.AddEnvironmentVariables();
    }

    /// <summary>local.settings.json's <c>Values</c>, with <c>__</c> turned into configuration's <c>:</c>.</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return values.EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
            .ToList();
    }

    private static string? FindLocalSettings() =>
        new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .Select(folder => Path.Combine(folder, LocalSettingsFile))
            .FirstOrDefault(File.Exists);
}
