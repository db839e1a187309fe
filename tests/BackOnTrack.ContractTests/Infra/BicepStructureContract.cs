using System.Text.Json;
using System.Text.RegularExpressions;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Functions.Hosting;
using BackOnTrack.Application;
using BackOnTrack.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>What <c>bicep build</c> would catch and what least privilege demands, checked on the text of infra/ (the Bicep
/// CLI cannot be installed here).</summary>
public partial class BicepStructureContract
{
    /// <summary>The built-in roles the hub's identities hold, by role definition id, as Microsoft Learn's "Azure built-in
    /// roles" page lists them.</summary>
    private static readonly Dictionary<string, string> GrantedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    /// <summary>Roles broader than the hub needs; none may appear in infra/.</summary>
    private static readonly Dictionary<string, string> ForbiddenRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
    };

    [Fact]
    public void EveryModuleReferencedExists()
    {
        var referenced = 0;
        foreach (var file in InfraFiles.AllBicep())
        {
            foreach (var (symbol, path, at) in file.Modules())
            {
                referenced++;
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file.Path)!, path));
                Assert.True(File.Exists(target), $"{file.Name}:{file.LineOf(at)} module {symbol} refers to {path}, which does not exist.");
            }
        }

        Assert.True(referenced > 0, "main.bicep references no module.");
    }

    [Fact]
    public void EveryDeclaredParameterIsUsed()
    {
        foreach (var file in InfraFiles.AllBicep())
        {
            foreach (var (name, _, at) in file.Parameters())
            {
                Assert.True(file.Uses(name) > 0, $"{file.Name}:{file.LineOf(at)} declares parameter {name} but never uses it.");
            }
        }
    }

    [Fact]
    public void EveryModuleIsGivenOnlyParametersItDeclaresAndEveryOneItRequires()
    {
        foreach (var file in InfraFiles.AllBicep())
        {
            foreach (var (symbol, path, at) in file.Modules())
            {
                var module = BicepFile.Read(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file.Path)!, path)));
                var declared = module.Parameters();
                var passed = file.ObjectProperties(file.PropertyBlock(file.BlockAfter(at), "params")).Select(p => p.Key).ToList();

                foreach (var name in passed)
                {
                    Assert.True(declared.Any(p => p.Name == name), $"{file.Name}: module {symbol} passes {name}, which {module.Name} does not declare.");
                }

                foreach (var required in declared.Where(p => !p.HasDefault))
                {
                    Assert.True(passed.Contains(required.Name), $"{file.Name}: module {symbol} does not pass {required.Name}, which {module.Name} requires.");
                }
            }
        }
    }

    [Fact]
    public void TheParametersFileSetsOnlyDeclaredParametersAndEveryRequiredOne()
    {
        var parameters = InfraFiles.Parameters;
        Assert.Equal("main.bicep", parameters.UsingTarget());
        var declared = InfraFiles.Main.Parameters();
        var assigned = parameters.ParameterAssignments();

        Assert.All(assigned, name => Assert.True(declared.Any(p => p.Name == name), $"main.bicepparam sets {name}, which main.bicep does not declare."));
        Assert.All(declared.Where(p => !p.HasDefault), p => Assert.True(assigned.Contains(p.Name), $"main.bicepparam does not set {p.Name}, which main.bicep requires."));
    }

    [Fact]
    public void GrantsOnlyTheDocumentedBuiltInRolesEachNamedWhereItsIdIs()
    {
        var files = InfraFiles.AllBicep();
        var ids = files.SelectMany(file => file.Strings.Where(s => RoleId().IsMatch(s.Value)).Select(s => (File: file, Id: s.Value, s.Start))).ToList();

        Assert.Equal(GrantedRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), ids.Select(i => i.Id).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        foreach (var (file, id, at) in ids)
        {
            Assert.True(file.LineContaining(at).Contains("// " + GrantedRoles[id], StringComparison.Ordinal), $"{file.Name}:{file.LineOf(at)}: name role {id} ({GrantedRoles[id]}) in a comment on its line.");
        }

        foreach (var file in files)
        {
            foreach (var (id, role) in ForbiddenRoles)
            {
                Assert.False(file.Text.Contains(id, StringComparison.OrdinalIgnoreCase), $"{file.Name} grants {role}, which is broader than the hub needs.");
            }
        }
    }

    [Fact]
    public void NamesEveryRoleAssignmentFromItsScopePrincipalAndRole()
    {
        var assignments = InfraFiles.ResourcesOfType(InfraFiles.AllBicep(), "Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        foreach (var (file, symbol, body) in assignments)
        {
            var properties = file.ObjectProperties(body).ToDictionary(p => p.Key, p => p.Value);
            var name = Assert.Contains("name", properties);
            var scope = Assert.Contains("scope", properties);
            var inner = file.ObjectProperties(file.PropertyBlock(body, "properties")).ToDictionary(p => p.Key, p => p.Value);
            var principal = Assert.Contains("principalId", inner);

            Assert.Matches(@"^guid\(.+\)$", name);
            Assert.True(name.Contains(scope + ".id", StringComparison.Ordinal), $"{file.Name}: role assignment {symbol} is named without its scope {scope}: {name}.");
            Assert.True(name.Contains(principal, StringComparison.Ordinal), $"{file.Name}: role assignment {symbol} is named without its principal: {name}.");
            Assert.Equal("'ServicePrincipal'", inner["principalType"]);
        }
    }

    [Fact]
    public void CreatesEveryContainerQueueAndTableTheHubUses()
    {
        var storage = InfraFiles.Module("storage.bicep");
        IReadOnlyList<string> Created(string type) =>
            InfraFiles.ResourcesOfType([storage], type).SelectMany(r => InfraFiles.NamesCreated(storage, r.Symbol)).Order(StringComparer.Ordinal).ToList();

        var containers = Created("Microsoft.Storage/storageAccounts/blobServices/containers");
        var deployment = InfraFiles.Evaluate(storage, "deploymentContainer").Single();

        Assert.Equal(HubStorageNames.Containers.All.Append(deployment).Order(StringComparer.Ordinal), containers);
        Assert.Equal(HubStorageNames.Queues.All.Order(StringComparer.Ordinal), Created("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Equal(HubStorageNames.Tables.All.Order(StringComparer.Ordinal), Created("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void TheStorageAccountAcceptsNoSharedKeyAndOnlyTls12()
    {
        var storage = InfraFiles.Module("storage.bicep");
        var (file, _, body) = Assert.Single(InfraFiles.ResourcesOfType([storage], "Microsoft.Storage/storageAccounts"));
        var properties = file.ObjectProperties(file.PropertyBlock(body, "properties")).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("false", properties["allowSharedKeyAccess"]);
        Assert.Equal("'TLS1_2'", properties["minimumTlsVersion"]);
        Assert.Equal("false", properties["allowBlobPublicAccess"]);
        Assert.All(InfraFiles.AllBicep(), f => Assert.DoesNotMatch(@"allowSharedKeyAccess:\s*true", f.Code));
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraIdTelemetry()
    {
        var declared = InfraFiles.ResourcesOfType(InfraFiles.AllBicep(), "Microsoft.Insights/components")
            .Where(c => !c.File.LineContaining(c.Body.Start).Contains(" existing ", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(declared);
        foreach (var (file, symbol, body) in declared)
        {
            var properties = file.ObjectProperties(file.PropertyBlock(body, "properties")).ToDictionary(p => p.Key, p => p.Value);
            Assert.True(properties.TryGetValue("DisableLocalAuth", out var disabled) && disabled == "true", $"{file.Name}: {symbol} must set DisableLocalAuth: true.");
        }
    }

    [Fact]
    public void LifecycleRulesDeleteRawUploadsAndQuarantineAfterTheRetentionSettings()
    {
        var main = InfraFiles.Main;
        var storage = InfraFiles.Module("storage.bicep");

        Assert.Equal(Default("Ingest__RawRetentionDays"), ParameterDefault(main, "rawRetentionDays"));
        Assert.Equal(Default("Ingest__QuarantineRetentionDays"), ParameterDefault(main, "quarantineRetentionDays"));
        Assert.Equal(
            [HubStorageNames.Containers.Drops + "/", HubStorageNames.Containers.Plans + "/", HubStorageNames.Containers.Benchmarks + "/"],
            InfraFiles.Evaluate(storage, "uploadContainers").Select(c => c + "/"));
        Assert.Matches(@"prefixMatch:\s*map\(uploadContainers,[^\n]*\n(?:.*\n){0,10}?\s*daysAfterModificationGreaterThan:\s*rawRetentionDays", storage.Code);
        Assert.Matches(@"'quarantine/'\s*\n(?:.*\n){0,10}?\s*daysAfterModificationGreaterThan:\s*quarantineRetentionDays", storage.Text);
    }

    [Fact]
    public void EventGridSendsBlobCreatedFromTheUploadContainersToDropEventsAsItself()
    {
        var storage = InfraFiles.Module("storage.bicep");
        var subscription = InfraFiles.Module("eventgrid-subscription.bicep");
        var (file, _, body) = Assert.Single(InfraFiles.ResourcesOfType([subscription], "Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var properties = file.ObjectProperties(file.PropertyBlock(body, "properties")).Select(p => p.Key).ToList();

        Assert.Equal(HubStorageNames.Queues.DropEvents, InfraFiles.Evaluate(storage, "triggerQueues")[0]);
        Assert.Equal([HubStorageNames.Containers.Drops, HubStorageNames.Containers.Plans, HubStorageNames.Containers.Benchmarks], InfraFiles.Evaluate(storage, "uploadContainers"));
        Assert.Contains("deliveryWithResourceIdentity", properties);
        Assert.DoesNotContain("destination", properties);
        Assert.Contains("'Microsoft.Storage.BlobCreated'", file.Text, StringComparison.Ordinal);
        Assert.Contains("'/blobServices/default/containers/${container}/'", file.Text, StringComparison.Ordinal);
        Assert.Matches(@"queueName:\s*storage\.outputs\.dropEventsQueueName", InfraFiles.Main.Code);
        Assert.Matches(@"sourceContainers:\s*storage\.outputs\.uploadContainers", InfraFiles.Main.Code);
    }

    [Fact]
    public void TheFunctionAppIsAFlexConsumptionCustomHandlerRunningAsItsOwnIdentity()
    {
        var app = InfraFiles.Module("functionapp.bicep");
        var (file, _, body) = Assert.Single(InfraFiles.ResourcesOfType([app], "Microsoft.Web/sites"));
        var config = file.PropertyBlock(file.PropertyBlock(body, "properties"), "functionAppConfig");
        var runtime = file.ObjectProperties(file.PropertyBlock(config, "runtime")).ToDictionary(p => p.Key, p => p.Value);
        var plan = Assert.Single(InfraFiles.ResourcesOfType([app], "Microsoft.Web/serverfarms"));

        Assert.Equal("'custom'", runtime["name"]);
        Assert.Equal("'UserAssigned'", file.ObjectProperties(file.PropertyBlock(body, "identity")).Single(p => p.Key == "type").Value);
        Assert.Equal("'FlexConsumption'", file.ObjectProperties(file.PropertyBlock(plan.Body, "sku")).Single(p => p.Key == "tier").Value);
        Assert.Equal("'functionapp,linux'", file.ObjectProperties(body).Single(p => p.Key == "kind").Value);
    }

    [Fact]
    public void TheMissedPromptsAlertFollowsPromptOwnersSchedule()
    {
        var alerts = InfraFiles.Module("alerts.bicep");

        Assert.Contains("`" + FunctionFolderContract.Design["PromptOwners"].Schedule + "`", alerts.Text, StringComparison.Ordinal);
        Assert.Contains("startofweek(now()) + 1d + 6h + 30m", alerts.Text, StringComparison.Ordinal);
        Assert.Contains("operation_Name == \"PromptOwners\"", alerts.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHealthAlertPassesExactlyWhenHealthAnswersHealthy()
    {
        var contentMatch = Regex.Match(InfraFiles.Module("alerts.bicep").Text, @"ContentMatch:\s*'([^']*)'").Groups[1].Value;
        Environment.SetEnvironmentVariable("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        var app = HandlerApp.Build(0, TimeProvider.System);
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var storage = new StorageHealth(true, "devstoreaccount1", null);

        var healthy = JsonSerializer.Serialize(new HealthReport("Healthy", DateTimeOffset.UnixEpoch, storage, [new QueueHealth("drop-events", 3, 0)]), json);
        var degraded = JsonSerializer.Serialize(new HealthReport("Degraded", DateTimeOffset.UnixEpoch, storage, [new QueueHealth("drop-events", 0, 1)]), json);

        Assert.Equal("\"status\":\"Healthy\"", contentMatch);
        Assert.Contains(contentMatch, healthy, StringComparison.Ordinal);
        Assert.DoesNotContain(contentMatch, degraded, StringComparison.Ordinal);
    }

    private static string? Default(string setting) => HubSettings.All.Single(s => s.Name == setting).Default;

    private static string ParameterDefault(BicepFile file, string name) =>
        Regex.Match(file.Code, $@"^param\s+{name}\s+\w+\s*=\s*(\S+)", RegexOptions.Multiline).Groups[1].Value;

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex RoleId();
}
