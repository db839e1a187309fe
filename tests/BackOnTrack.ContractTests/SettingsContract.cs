using System.Text.Json;
using BackOnTrack.ContractTests.Infra;
using BackOnTrack.ContractTests.Support;
using BackOnTrack.Application.Configuration;

namespace BackOnTrack.ContractTests;

/// <summary>Every setting the code reads is listed once (HubSettings), documented where people look for it, and set by
/// infra/ in Azure.</summary>
public class SettingsContract
{
    /// <summary>Registered settings the deployed hub reads that infra/ deliberately does not set.</summary>
    private static readonly Dictionary<string, string> NotSetInAzure = new(StringComparer.Ordinal)
    {
        ["M365__ClientSecret"] = "In Azure the managed identity signs in, as itself or for the app registration through a federated credential; no client secret exists.",
    };

    /// <summary>App settings infra/ sets that the handler does not read: the Functions host reads them.</summary>
    private static readonly Dictionary<string, string> ReadByTheFunctionsHost = new(StringComparer.Ordinal)
    {
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "Where the host sends telemetry.",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Telemetry through Entra ID as the app's identity (Application Insights has local auth off).",
    };

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
            ("LocalHost", typeof(BackOnTrack.LocalHost.LocalHostOptions)),
            ("Hub", typeof(HubOptions)),
            ("Ingest", typeof(IngestOptions)),
            ("EarlyWarning", typeof(EarlyWarningOptions)),
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

    [Fact]
    public void InfraSetsEveryAppSettingTheDeployedHubReadsAndNothingElse()
    {
        var infra = ArmTemplate.AppSettings().Keys.ToHashSet(StringComparer.Ordinal);
        var read = HubSettings.All.Where(s => s.Scope is SettingScope.Everywhere or SettingScope.AzureOnly).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var missing = read.Except(infra).Except(NotSetInAzure.Keys).Order(StringComparer.Ordinal).ToList();
        var unknown = infra.Except(read).Except(ReadByTheFunctionsHost.Keys).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            $"Not set in infra/modules/functionapp.bicep (add one line to `var appSettings`): {string.Join(", ", missing)}.");
        Assert.True(unknown.Count == 0,
            $"infra/modules/functionapp.bicep sets what the code does not read (register it in HubSettings or remove it): {string.Join(", ", unknown)}.");
        Assert.All(NotSetInAzure.Keys, name => Assert.DoesNotContain(name, infra));
        Assert.All(ReadByTheFunctionsHost.Keys, name => Assert.Contains(name, infra));
    }

    [Fact]
    public void InfraSetsNoSettingThatIsOnlyLocal()
    {
        var infra = ArmTemplate.AppSettings();

        foreach (var setting in HubSettings.All.Where(s => s.Scope is SettingScope.LocalOnly))
        {
            Assert.False(infra.ContainsKey(setting.Name), $"{setting.Name} is {setting.Scope}: infra/ must not set it.");
        }
    }

    [Fact]
    public void InfraReadsEverySecretFromKeyVault()
    {
        var infra = ArmTemplate.AppSettings();
        var app = ArmTemplate.Main.Module("functionapp");
        var secrets = HubSettings.All
            .Where(s => s.Meaning.StartsWith("Secret", StringComparison.Ordinal) && s.Scope is SettingScope.Everywhere or SettingScope.AzureOnly && !NotSetInAzure.ContainsKey(s.Name))
            .ToList();

        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
        {
            var reference = infra[secret.Name];
            var value = app.Evaluate(System.Text.Json.Nodes.JsonValue.Create(reference));
            Assert.Matches(@"^@Microsoft\.KeyVault\(SecretUri=\{keyVaultUri\}secrets/[a-z0-9-]+/\)$", (string)value!);
        }
    }

    [Fact]
    public void InfraGivesFixedSettingsTheRegistryDefaults()
    {
        foreach (var (name, value) in ArmTemplate.AppSettings().Where(s => !ArmExpression.IsExpression(s.Value)))
        {
            var setting = HubSettings.All.SingleOrDefault(s => s.Name == name);
            if (setting?.Default is not null)
            {
                Assert.True(setting.Default == value, $"infra/ sets {name} to '{value}'; the registry's default is '{setting.Default}'.");
            }
        }
    }

    [Fact]
    public void TheParametersFileGivesTenantValuesOnlyForAppSettingsThatReadThem()
    {
        var tenantValues = ArmTemplate.ParameterValues()["tenantSettings"]!["value"]!.AsObject().Select(p => p.Key).ToList();
        var infra = ArmTemplate.AppSettings();

        Assert.NotEmpty(tenantValues);
        foreach (var name in tenantValues)
        {
            Assert.True(infra.TryGetValue(name, out var value) && value.Contains("parameters('tenantSettings')", StringComparison.Ordinal) && value.Contains(name, StringComparison.Ordinal),
                $"main.bicepparam sets tenantSettings.{name}, but functionapp.bicep's appSettings does not read it.");
        }
    }
}
