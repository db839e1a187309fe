using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BackOnTrack.Core.Plans;

/// <summary>An Actions table property an import sets; the names are the property names and ActionEvents' Field values.</summary>
public enum ActionField
{
    Priority,
    PriorityTitle,
    ActionRef,
    Title,
    Status,
    TargetText,
    DueDate,
    Milestones,
    Owners,
    UnresolvedOwners,
    LastNote,

    /// <summary>True while the action is missing from the latest import of its plan (see <see cref="PlanChanges"/>).</summary>
    RemovedFromPlan,
}

/// <summary>
/// The text forms of action values (docs/architecture.md §Storage), used both for the Actions table's string properties and for
/// ActionEvents' From and To, so an event shows exactly what was stored.
/// </summary>
public static class ActionValues
{
    // Role names hold "&" and apostrophes; these values go to Table storage and SharePoint, never into HTML, so they
    // are written as they are rather than as \u0026.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>yyyy-MM-dd</c>; null for no date.</summary>
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Dates as <c>yyyy-MM-dd</c> joined by <c>,</c>; null when there are none.</summary>
    public static string? Milestones(IReadOnlyList<DateOnly> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        return milestones.Count == 0 ? null : string.Join(',', milestones.Select(d => Date(d)));
    }

    /// <summary>A JSON array of strings (Owners, UnresolvedOwners); <c>[]</c> when empty.</summary>
    public static string JsonArray(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, JsonOptions);

    /// <summary>The status's table value; null when unset.</summary>
    public static string? Status(ActionStatus? status) => status?.ToString();
}
