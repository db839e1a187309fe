using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application;
using BackOnTrack.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>infra/ builds and lints clean with the Bicep CLI, and what it compiles to grants least privilege and creates
/// what the hub uses.</summary>
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
    public void MainBicepBuildsAndLintsWithoutAWarning()
    {
        var build = BicepCli.Run("build", "main.bicep", "--stdout");
        var lint = BicepCli.Run("lint", "main.bicep");

        Assert.True(build.ExitCode == 0, "bicep build main.bicep failed:\n" + build.Errors);
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Count == 0, "bicep lint main.bicep:\n" + string.Join("\n", lint.Diagnostics) + lint.Errors);
    }

    [Fact]
    public void TheParametersFileBuildsAndLintsWithoutAWarning()
    {
        // build-params refuses a parameter main.bicep does not declare, and a required one left unset.
        var build = BicepCli.Run("build-params", "main.bicepparam", "--stdout");
        var lint = BicepCli.Run("lint", "main.bicepparam");

        Assert.True(build.ExitCode == 0, "bicep build-params main.bicepparam failed:\n" + build.Errors);
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Count == 0, "bicep lint main.bicepparam:\n" + string.Join("\n", lint.Diagnostics) + lint.Errors);
    }

    [Fact]
    public void TheBuildFailsOnAnUndeclaredModuleParameter()
    {
        // The build is what the tests above rely on to catch a wrong module call; show once that it does.
        var broken = Path.Combine(Path.GetTempPath(), $"backontrack-bicep-{Guid.NewGuid():N}");
        CopyFolder(Path.Combine(Support.Repository.Root, "infra"), broken);
        try
        {
            var main = Path.Combine(broken, "main.bicep");
            var text = File.ReadAllText(main);
            var call = Regex.Match(text, @"module storage '[^']+' = \{\s*name: '[^']*'\s*params: \{");
            Assert.True(call.Success, "main.bicep no longer calls the storage module as this test expects.");
            File.WriteAllText(main, text.Insert(call.Index + call.Length, "\n    notAParameter: 'x'"));

            var build = BicepCli.Run("build", main, "--stdout");

            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("notAParameter", build.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public void GrantsOnlyTheDocumentedBuiltInRolesEachNamedWhereItsIdIs()
    {
        var granted = ArmTemplate.Main.AllResourcesOfType("Microsoft.Authorization/roleAssignments")
            .SelectMany(a => a.Template.EvaluateForEachInstance(a.Resource, r => r["properties"]!["roleDefinitionId"]))
            .Select(id => (string)id!)
            .ToList();

        Assert.Equal(GrantedRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), granted.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        var compiled = ArmTemplate.Main.Json.ToJsonString();
        foreach (var (id, role) in ForbiddenRoles)
        {
            Assert.False(compiled.Contains(id, StringComparison.OrdinalIgnoreCase), $"infra/ grants {role}, which is broader than the hub needs.");
        }

        // A reader of the Bicep sees which role a bare id is.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Support.Repository.Root, "infra"), "*.bicep", SearchOption.AllDirectories))
        {
            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
            {
                foreach (Match id in RoleIdInText().Matches(line))
                {
                    Assert.True(GrantedRoles.TryGetValue(id.Value, out var role) && line.Contains("// " + role, StringComparison.Ordinal),
                        $"{Path.GetFileName(file)}:{number}: name role {id.Value} in a comment on its line.");
                }
            }
        }
    }

    [Fact]
    public void NamesEveryRoleAssignmentFromItsScopePrincipalAndRole()
    {
        var assignments = ArmTemplate.Main.AllResourcesOfType("Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        foreach (var (template, assignment) in assignments)
        {
            var name = (string)assignment["name"]!;
            var properties = assignment["properties"]!;
            string Inner(JsonNode? expression) => ((string)expression!)[1..^1];

            Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
            Assert.True(name.Contains(Inner(assignment["scope"]), StringComparison.Ordinal), $"{template.Name}: a role assignment is named without its scope: {name}.");
            Assert.True(name.Contains(Inner(properties["principalId"]), StringComparison.Ordinal), $"{template.Name}: a role assignment is named without its principal: {name}.");
            var role = Regex.Match(Inner(properties["roleDefinitionId"]), @"^subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (.+)\)$").Groups[1].Value;
            Assert.True(role.Length > 0 && name.Contains(role, StringComparison.Ordinal), $"{template.Name}: a role assignment is named without its role: {name}.");
            Assert.Equal("ServicePrincipal", (string)properties["principalType"]!);
        }
    }

    [Fact]
    public void CreatesEveryContainerQueueAndTableTheHubUses()
    {
        var storage = ArmTemplate.Main.Module("storage");
        IReadOnlyList<string> Created(string type) =>
            [.. storage.ResourcesOfType(type).SelectMany(r => storage.EvaluateForEachInstance(r, x => x["name"])).Select(n => ((string)n!).Split('/')[^1]).Order(StringComparer.Ordinal)];

        var deployment = (string)storage.Evaluate(storage.Variables["deploymentContainer"])!;

        Assert.Equal(HubStorageNames.Containers.All.Append(deployment).Order(StringComparer.Ordinal), Created("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal(HubStorageNames.Queues.All.Order(StringComparer.Ordinal), Created("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Equal(HubStorageNames.Tables.All.Order(StringComparer.Ordinal), Created("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void TheStorageAccountAcceptsNoSharedKeyAndOnlyTls12()
    {
        var storage = ArmTemplate.Main.Module("storage");
        var account = Assert.Single(storage.ResourcesOfType("Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string)properties["minimumTlsVersion"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraIdTelemetry()
    {
        var components = ArmTemplate.Main.AllResourcesOfType("Microsoft.Insights/components").ToList();

        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.True((bool?)c.Resource["properties"]?["DisableLocalAuth"] == true, $"{c.Template.Name}: Application Insights must set DisableLocalAuth: true."));
    }

    [Fact]
    public void LifecycleRulesDeleteRawUploadsAndQuarantineAfterTheRetentionSettings()
    {
        var storage = ArmTemplate.Main.Module("storage");
        var policy = Assert.Single(storage.ResourcesOfType("Microsoft.Storage/storageAccounts/managementPolicies"));
        var rules = ((List<object?>)((Dictionary<string, object?>)storage.Evaluate(policy["properties"]!["policy"])!)["rules"]!).Cast<Dictionary<string, object?>>().ToList();
        (IReadOnlyList<string> Prefixes, object? Days) Rule(Dictionary<string, object?> rule)
        {
            var definition = (Dictionary<string, object?>)rule["definition"]!;
            var prefixes = storage.Strings(((Dictionary<string, object?>)definition["filters"]!)["prefixMatch"]);
            var delete = (Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)definition["actions"]!)["baseBlob"]!)["delete"]!;
            return (prefixes, delete["daysAfterModificationGreaterThan"]);
        }

        Assert.Equal(Default("Ingest__RawRetentionDays"), ParameterDefault("rawRetentionDays"));
        Assert.Equal(Default("Ingest__QuarantineRetentionDays"), ParameterDefault("quarantineRetentionDays"));
        Assert.Contains(rules.Select(Rule), r => r.Prefixes.SequenceEqual([HubStorageNames.Containers.Drops + "/", HubStorageNames.Containers.Plans + "/", HubStorageNames.Containers.Benchmarks + "/"]) && Equals(r.Days, "{rawRetentionDays}"));
        Assert.Contains(rules.Select(Rule), r => r.Prefixes.SequenceEqual([HubStorageNames.Containers.Quarantine + "/"]) && Equals(r.Days, "{quarantineRetentionDays}"));
    }

    [Fact]
    public void EventGridSendsBlobCreatedFromTheUploadContainersToDropEventsAsItself()
    {
        var (template, subscription) = Assert.Single(ArmTemplate.Main.AllResourcesOfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var properties = subscription["properties"]!.AsObject();
        var given = ArmTemplate.Main.ResourcesOfType("Microsoft.Resources/deployments").Single(d => (string)d["name"]! == template.Name)["properties"]!["parameters"]!;
        var storage = ArmTemplate.Main.Module("storage");
        var subjectFilter = Assert.Single(properties["filter"]!["advancedFilters"]!.AsArray());

        Assert.Contains("deliveryWithResourceIdentity", properties.Select(p => p.Key));
        Assert.DoesNotContain("destination", properties.Select(p => p.Key));
        Assert.Equal("{queueName}", template.Evaluate(properties["deliveryWithResourceIdentity"]!["destination"]!["properties"]!["queueName"]));
        Assert.Equal(["Microsoft.Storage.BlobCreated"], template.Strings(template.Evaluate(properties["filter"]!["includedEventTypes"])));
        Assert.Equal("subject", (string)subjectFilter!["key"]!);
        Assert.Equal("[map(parameters('sourceContainers'), lambda('container', format('/blobServices/default/containers/{0}/', lambdaVariables('container'))))]", (string)subjectFilter["values"]!);
        Assert.EndsWith(".outputs.dropEventsQueueName.value]", (string)given["queueName"]!["value"]!, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.uploadContainers.value]", (string)given["sourceContainers"]!["value"]!, StringComparison.Ordinal);
        Assert.Equal(HubStorageNames.Queues.DropEvents, (string)storage.Evaluate(storage.Json["outputs"]!["dropEventsQueueName"]!["value"])!);
        Assert.Equal([HubStorageNames.Containers.Drops, HubStorageNames.Containers.Plans, HubStorageNames.Containers.Benchmarks], storage.Strings(storage.Evaluate(storage.Json["outputs"]!["uploadContainers"]!["value"])));
    }

    [Fact]
    public void TheFunctionAppIsAFlexConsumptionAppRunningAsItsOwnIdentity()
    {
        var app = ArmTemplate.Main.Module("functionapp");
        var site = Assert.Single(app.ResourcesOfType("Microsoft.Web/sites"));
        var plan = Assert.Single(app.ResourcesOfType("Microsoft.Web/serverfarms"));
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal(FunctionAppRuntime, (string)runtime["name"]!);
        Assert.Equal("10.0", (string)runtime["version"]!);
        Assert.Equal("UserAssigned", (string)site["identity"]!["type"]!);
        Assert.Equal("FlexConsumption", (string)plan["sku"]!["tier"]!);
        Assert.Equal("functionapp,linux", (string)site["kind"]!);
    }

    [Fact]
    public void TheMissedPromptsAlertFollowsPromptOwnersSchedule()
    {
        var alerts = string.Join("\n", ArmTemplate.Main.Module("alerts").AllStrings());

        Assert.Contains("`" + WorkerFunctionsContract.Design["PromptOwners"].QueueOrScheduleOrRoute + "`", alerts, StringComparison.Ordinal);
        Assert.Contains("startofweek(now()) + 1d + 6h + 30m", alerts, StringComparison.Ordinal);
        Assert.Contains("operation_Name == \"PromptOwners\"", alerts, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHealthAlertPassesExactlyWhenHealthAnswersHealthy()
    {
        var contentMatch = Assert.Single(ArmTemplate.Main.Module("alerts").ResourcesOfType("Microsoft.Insights/webtests"))["properties"]!["ValidationRules"]!["ContentValidation"]!["ContentMatch"]!.GetValue<string>();
        // Health answers through Results.Json, which writes with ASP.NET Core's web defaults.
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var storage = new StorageHealth(true, "devstoreaccount1", null);

        var healthy = JsonSerializer.Serialize(new HealthReport("Healthy", DateTimeOffset.UnixEpoch, storage, [new QueueHealth("drop-events", 3, 0)]), json);
        var degraded = JsonSerializer.Serialize(new HealthReport("Degraded", DateTimeOffset.UnixEpoch, storage, [new QueueHealth("drop-events", 0, 1)]), json);

        Assert.Equal("\"status\":\"Healthy\"", contentMatch);
        Assert.Contains(contentMatch, healthy, StringComparison.Ordinal);
        Assert.DoesNotContain(contentMatch, degraded, StringComparison.Ordinal);
    }

    /// <summary>The Functions runtime the app is deployed for: the .NET isolated worker.</summary>
    private const string FunctionAppRuntime = "dotnet-isolated";

    private static string? Default(string setting) => HubSettings.All.Single(s => s.Name == setting).Default;

    private static string? ParameterDefault(string name) =>
        ArmTemplate.Main.Parameters[name]?["defaultValue"]?.ToString();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex RoleIdInText();
}
