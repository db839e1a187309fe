using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.Graph;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace BackOnTrack.M365.SharePoint;

/// <summary>What provisioning found or did for one list.</summary>
public sealed record ProvisionedList(TrackerListDefinition List, string ListId, bool Created, IReadOnlyList<string> ColumnsAdded);

/// <summary>
/// Creates the tracker lists on the site, or checks them: a list found by its display name gets any missing column
/// added (GRAPH.md §3.1–3.2; needs Sites.Manage.All or a Sites.Selected grant above write, so it is an operations
/// verb, not something the hub does while running).
/// </summary>
public sealed class SharePointListProvisioner(GraphServiceClient graph, M365Options options)
{
    public async Task<ProvisionedList> EnsureAsync(TrackerListDefinition list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var site = string.IsNullOrWhiteSpace(options?.SiteId)
            ? throw new M365ServiceException(0, "NotConfigured", "M365:SiteId is not set: the lists are created on that site.")
            : options.SiteId;
        try
        {
            var lists = await graph.Sites[site].Lists.GetAsync(r => r.QueryParameters.Select = ["id", "displayName"], cancellationToken).ConfigureAwait(false);
            var existing = lists?.Value?.FirstOrDefault(l => string.Equals(l.DisplayName, list.DisplayName, StringComparison.OrdinalIgnoreCase));
            if (existing?.Id is null)
            {
                var created = await graph.Sites[site].Lists.PostAsync(
                    new List
                    {
                        DisplayName = list.DisplayName,
                        ListProp = new ListInfo { Template = "genericList" },
                        // genericList brings its own Title column.
                        Columns = [.. list.Columns.Where(c => c.Name != TrackerLists.Title).Select(Definition)],
                    },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return new ProvisionedList(list, created?.Id ?? throw new M365ServiceException(0, null, $"Creating '{list.DisplayName}' returned no id."), true, []);
            }

            var columns = await graph.Sites[site].Lists[existing.Id].Columns.GetAsync(r => r.QueryParameters.Select = ["name", "displayName"], cancellationToken).ConfigureAwait(false);
            var present = (columns?.Value ?? []).Where(c => c.Name is not null).Select(c => (c.Name!, c.DisplayName)).ToList();
            var added = new List<string>();
            foreach (var column in list.Columns)
            {
                try
                {
                    ColumnMap.Resolve(list with { Columns = [column] }, present);
                }
                catch (TrackerColumnsMissingException)
                {
                    await graph.Sites[site].Lists[existing.Id].Columns.PostAsync(Definition(column), cancellationToken: cancellationToken).ConfigureAwait(false);
                    added.Add(column.DisplayName);
                }
            }

            return new ProvisionedList(list, existing.Id, false, added);
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, $"Provisioning the list '{list.DisplayName}'");
        }
    }

    /// <summary>A column as Graph creates it: internal name the hub's, display name what people read.</summary>
    internal static ColumnDefinition Definition(TrackerColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var definition = new ColumnDefinition
        {
            Name = column.Name,
            DisplayName = column.DisplayName,
            // Uniqueness needs an index (GRAPH.md §3.2).
            Indexed = column.Indexed || column.Unique,
            EnforceUniqueValues = column.Unique,
        };
        switch (column.Kind)
        {
            case TrackerColumnKind.Note:
                definition.Text = new TextColumn { AllowMultipleLines = true, LinesForEditing = 6 };
                break;
            case TrackerColumnKind.Number:
                definition.Number = new NumberColumn { DecimalPlaces = "none" };
                break;
            case TrackerColumnKind.Date:
                definition.DateTime = new DateTimeColumn { Format = "dateOnly" };
                break;
            case TrackerColumnKind.DateTime:
                definition.DateTime = new DateTimeColumn { Format = "dateTime" };
                break;
            case TrackerColumnKind.Boolean:
                definition.Boolean = new BooleanColumn();
                break;
            case TrackerColumnKind.Choice:
                definition.Choice = new ChoiceColumn { Choices = [.. column.Choices ?? []], DisplayAs = "dropDownMenu", AllowTextEntry = false };
                break;
            default:
                definition.Text = new TextColumn();
                break;
        }

        return definition;
    }
}
