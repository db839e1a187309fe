using System.Text.Json;
using System.Text.RegularExpressions;
using BackOnTrack.ContractTests.Support;
using BackOnTrack.M365.Teams;

namespace BackOnTrack.ContractTests;

/// <summary>Graph delivers an activity only if the Teams app declares its type; its template's placeholders must be parameters the hub fills.</summary>
public partial class TeamsAppManifestContract
{
    private static JsonElement Manifest()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "teams-app", "manifest.json")));
        return json.RootElement.Clone();
    }

    [Fact]
    public void DeclaresEveryActivityTypeTheNotifierSends()
    {
        var declared = Manifest().GetProperty("activities").GetProperty("activityTypes").EnumerateArray().Select(a => a.GetProperty("type").GetString()).ToList();

        Assert.Equal(Enum.GetValues<NotificationKind>().Select(k => k.WireName()).Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UsesOnlyTemplateParametersTheNotifierFills()
    {
        var notification = OwnerNotification.ForAction(
            new TeamsRecipient("head.inclusion@rotherham.example", null), NotificationKind.Overdue, "semh-action-plan", "1.6", "1.6",
            "Develop timelines for successful bids", new DateOnly(2019, 7, 31), new DateOnly(2019, 10, 1), new Uri("https://rotherham.example/sites/semh/Lists/Tracker/DispForm.aspx?ID=6"));
        var filled = notification.TemplateParameters.Select(p => p.Name).Append("actor").ToHashSet(StringComparer.Ordinal);

        foreach (var activity in Manifest().GetProperty("activities").GetProperty("activityTypes").EnumerateArray())
        {
            var placeholders = Placeholder().Matches(activity.GetProperty("templateText").GetString()!).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(placeholders);
            Assert.All(placeholders, p => Assert.Contains(p, filled));
        }
    }

    [Fact]
    public void AsksOnlyForTheResourceSpecificPermissionToSendToItsUsers()
    {
        var manifest = Manifest();
        var permissions = manifest.GetProperty("authorization").GetProperty("permissions").GetProperty("resourceSpecific").EnumerateArray()
            .Select(p => (p.GetProperty("type").GetString(), p.GetProperty("name").GetString())).ToList();

        Assert.Equal([("Application", "TeamsActivity.Send.User")], permissions);
        Assert.Equal("{{M365_CLIENT_ID}}", manifest.GetProperty("webApplicationInfo").GetProperty("id").GetString());
        Assert.True(File.Exists(Path.Combine(Repository.Root, "infra", "teams-app", manifest.GetProperty("icons").GetProperty("color").GetString()!)));
        Assert.True(File.Exists(Path.Combine(Repository.Root, "infra", "teams-app", manifest.GetProperty("icons").GetProperty("outline").GetString()!)));
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
