namespace BackOnTrack.Core.Plans;

/// <summary>
/// A plan's id: its blob name in <c>plans</c> without the extension (docs/architecture.md §Storage), so a revised plan uploaded under the
/// same name updates the same actions. Folders in the name are kept, so two plans of one name in different folders
/// stay apart; the Actions table's keys pass the id through <see cref="Identifiers.TableKey"/>.
/// </summary>
public static class PlanId
{
    /// <summary><c>semh-action-plan.xlsx</c> → <c>semh-action-plan</c>; <c>2020/plan.csv</c> → <c>2020/plan</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty once its extension is removed.</exception>
    public static string FromBlobName(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var lastSlash = blobName.LastIndexOf('/');
        var dot = blobName.LastIndexOf('.');
        var id = dot > lastSlash + 1 ? blobName[..dot] : blobName;
        if (id.Length == 0 || id.EndsWith('/'))
        {
            throw new ArgumentException("A plan's blob name needs a file name.", nameof(blobName));
        }

        return id;
    }
}
