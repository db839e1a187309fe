using System.Globalization;
using System.Text;

namespace BackOnTrack.Cli.SampleData;

/// <summary>What <c>generate</c> prints: the files written and what the hub should make of each.</summary>
public static class SampleDatasetSummary
{
    public static string Format(GeneratedDataset dataset, string folder)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Sample LA dataset for {dataset.AcademicYear} (as of {dataset.AsOf:yyyy-MM-dd}) written to {folder}:")
            .AppendLine(CultureInfo.InvariantCulture, $"{"file",-52} {"kind",-18} {"rows",6} {"bad rows",8}  expected");
        foreach (var file in dataset.Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{file.RelativePath,-52} {file.Kind?.ToString() ?? "-",-18} {file.DataRows,6} {file.BadRows.Count,8}  {file.Outcome}");
        }

        var plan = dataset.Plan;
        return text.AppendLine(CultureInfo.InvariantCulture,
                $"{plan.PlanPath,-52} {"ActionPlan",-18} {plan.Actions,6} {0,8}  Accepted ({plan.DueWithinTwoWeeks} due within 14 days, {plan.Overdue} overdue)")
            .AppendLine(CultureInfo.InvariantCulture, $"{plan.OwnersPath,-52} {"Owners",-18}")
            .Append(EarlyWarnings(dataset))
            .ToString();
    }

    private static string EarlyWarnings(GeneratedDataset dataset)
    {
        var text = new StringBuilder();
        foreach (var pupil in dataset.EarlyWarnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"Early warning planted at {pupil.Laestab}: {pupil.Path}")
                .Append(pupil.FlaggedFrom is { } from ? string.Create(CultureInfo.InvariantCulture, $", flagged from {from:yyyy-MM-dd}") : ", never flagged")
                .Append(pupil.ClearedFrom is { } cleared ? string.Create(CultureInfo.InvariantCulture, $", cleared from {cleared:yyyy-MM-dd}") : "")
                .AppendLine(pupil.PermanentlyExcludedOn is { } excluded ? string.Create(CultureInfo.InvariantCulture, $", permanently excluded {excluded:yyyy-MM-dd}") : "");
        }

        return text.ToString();
    }
}
