using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using Microsoft.Kiota.Serialization.Json;

namespace BackOnTrack.M365.Teams;

/// <summary>
/// The body of <c>POST /users/{id}/teamwork/sendActivityNotification</c> (GRAPH.md §1.1): topic with source
/// <c>text</c> and the tracker link as <c>webUrl</c>, the activity type, preview text and template parameters.
/// Graph and the outbox build it here, so the outbox records exactly what Graph would have been sent.
/// </summary>
internal static class ActivityNotificationRequest
{
    public static SendActivityNotificationPostRequestBody Build(OwnerNotification notification, string? teamsAppId) => new()
    {
        Topic = new TeamworkActivityTopic
        {
            Source = TeamworkActivityTopicSource.Text,
            Value = notification.TopicText,
            WebUrl = notification.WebUrl.AbsoluteUri,
        },
        ActivityType = notification.Kind.WireName(),
        PreviewText = new ItemBody { Content = notification.PreviewText },
        TemplateParameters = notification.TemplateParameters
            .Select(p => new Microsoft.Graph.Models.KeyValuePair { Name = p.Name, Value = p.Value })
            .ToList(),
        ChainId = notification.ChainId,
        TeamsAppId = string.IsNullOrWhiteSpace(teamsAppId) ? null : teamsAppId,
    };

    /// <summary>The body as the Graph SDK serialises it onto the wire.</summary>
    public static string ToJson(SendActivityNotificationPostRequestBody body)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, body);
        using var stream = writer.GetSerializedContent();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
