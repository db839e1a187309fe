using System.Text.Json;
using BackOnTrack.ContractTests.Support;
using BackOnTrack.Functions.Configuration;

namespace BackOnTrack.ContractTests;

/// <summary>Every setting the code reads is listed once (HubSettings) and documented where people look for it.</summary>
public class SettingsContract
{
    private static Dictionary<string, string?> SampleValues()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
    }

    [Fact]
    public void TheSampleLocalSettingsHoldEveryLocalSettingWithItsDefault()
    {
        var sample = SampleValues();

        foreach (var setting in HubSettings.All.Where(s => s.Scope is SettingScope.Everywhere or SettingScope.LocalOnly))
        {
            Assert.True(sample.TryGetValue(setting.Name, out var value), $"{setting.Name} is missing from local.settings.sample.json.");
            if (setting.Default is not null)
            {
                Assert.Equal(setting.Default, value);
            }
        }
    }

    [Fact]
    public void TheSampleLocalSettingsHoldNothingTheCodeDoesNotRead()
    {
        var known = HubSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(SampleValues().Keys, name => Assert.Contains(name, known));
    }

    [Fact]
    public void TheReadmeDocumentsEverySetting()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        Assert.All(HubSettings.All, setting => Assert.Contains($"| `{setting.Name}` |", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryOptionsPropertyIsARegisteredSetting()
    {
        var options = new (string Section, Type Type)[]
        {
            ("Storage", typeof(BackOnTrack.Storage.StorageClientOptions)),
            ("LocalHost", typeof(LocalHostOptions)),
            ("Hub", typeof(HubOptions)),
            ("Ingest", typeof(IngestOptions)),
            ("Retention", typeof(RetentionOptions)),
            ("Schools", typeof(SchoolsOptions)),
            ("M365", typeof(BackOnTrack.M365.M365Options)),
        };
        var known = HubSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (section, type) in options)
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                Assert.Contains($"{section}__{property.Name}", known);
            }
        }
    }
}
