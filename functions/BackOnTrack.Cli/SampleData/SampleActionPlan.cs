using System.Globalization;
using System.Text;

namespace BackOnTrack.Cli.SampleData;

/// <summary>The sample LA's SEMH action plan and owners file, as an officer uploads them to <c>plans/</c>.</summary>
/// <param name="PlanPath">The plan's path under the output folder (<c>plans/…</c>; blob <c>plans/{name}</c>).</param>
/// <param name="OwnersPath">The owners file's path under the output folder.</param>
/// <param name="Actions">Actions in the plan (the repeated id counts twice).</param>
/// <param name="DueWithinTwoWeeks">Open actions due from the as-of date up to 14 days ahead.</param>
/// <param name="Overdue">Open actions due before the as-of date.</param>
public sealed record GeneratedPlan(string PlanPath, string OwnersPath, int Actions, int DueWithinTwoWeeks, int Overdue);

/// <summary>
/// Writes a small action plan in the shape of the strategy's own (title row, priority heading rows between action rows,
/// an unheaded id column, free-text targets and owner cells naming roles whose names hold "&amp;" and commas, one id
/// printed twice, one owner no role matches) with target dates placed around the as-of date, so that a run as of that
/// date has actions due, overdue (one long enough to be escalated) and done. Invented roles and addresses only
/// (<c>.example</c> domains).
/// </summary>
internal static class SampleActionPlan
{
    public const string PlanFile = "plans/semh-action-plan.csv";
    // Sorts before the plan, so a sweep that finds both imports the owners first and the plan's roles resolve.
    public const string OwnersFile = "plans/owners.csv";

    private static readonly (string Role, string Upn)[] Roles =
    [
        ("Head of Inclusion", "head.inclusion@council.example"),
        ("Principal Educational Psychologist", "principal.ep@council.example"),
        ("CAMHS Service Manager", "camhs.manager@nhs-trust.example"),
        ("Service Manager, Early Help", "early.help@council.example"),
        ("Head of Performance & Quality", "performance.quality@council.example"),
        ("Virtual School Head", "virtual.school@council.example"),
    ];

    public static (GeneratedPlan Plan, IReadOnlyList<(string Path, byte[] Content)> Files) Build(DateOnly asOf)
    {
        string Day(int offset) => asOf.AddDays(offset).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        string Month(int offset) => asOf.AddMonths(offset).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

        var rows = new List<string?[]>
        {
            new[] { "Social, Emotional and Mental Health Strategy: Action Plan (sample)", null, null, null, null },
            new string?[5],
            new[] { null, "Action", "Progress updates", "Target date", "Owner" },
            new[] { "(1) Early identification: spot emerging SEMH needs in every school", null, null, null, null },
            new[] { "1.1", "Agree a graduated response toolkit with headteachers", "Complete", Month(-10), "Head of Inclusion" },
            new[] { "1.2", "Train SEMH champions in every secondary school", "In Progress – 9 of 14 schools trained", Day(-40), "Principal Educational Psychologist" },
            new[] { "1.3", "Publish the termly exclusions dashboard", "In progress", Day(-5), "Head of Performance & Quality" },
            new[] { "1.4", "Extend the dashboard to attendance and persistent absence", "Not started", Day(5), "Head of Performance & Quality; Head of Inclusion" },
            new[] { "(2) Seamless pathways: connect schools, early help and CAMHS", null, null, null, null },
            new[] { "2.1", "Place Mental Health Support Team practitioners in schools", "In Progress", $"Phased approach {Month(-3)} – {Month(9)}", "CAMHS Service Manager" },
            new[] { "2.2", "Agree the referral route between early help and CAMHS", "Not Started", Day(12), "Service Manager, Early Help / CAMHS Service Manager" },
            new[] { "2.2", "Review the referral route after one term", "Not started", Month(5), "Service Manager, Early Help" },
            new[] { "2.3", "Map alternative provision places against need", "not started", $"{Month(2)} & refreshed {Month(8)}", "Various leads; oversight by the SEMH board" },
            new[] { "(3) Inclusion: keep children in school", null, null, null, null },
            new[] { "3.1", "Reintegration plans for every pupil returning from a suspension", "Complete", Month(-2), "Virtual School Head" },
            new[] { "3.2", "Pilot a respite offer for pupils at risk of permanent exclusion", "In Progress", Day(-1), "Virtual School Head, Head of Inclusion" },
            new[] { "3.3", "Evaluate the Back on Track cohort's outcomes", "Not started", Month(7), "Head of Performance & Quality" },
        };
        var plan = Csv(rows);
        var owners = Csv([["Role", "UPN"], .. Roles.Select(r => new[] { r.Role, r.Upn })]);
        var generated = new GeneratedPlan(PlanFile, OwnersFile, Actions: 11, DueWithinTwoWeeks: 2, Overdue: 3);
        return (generated, [(PlanFile, plan), (OwnersFile, owners)]);
    }

    /// <summary>CSV as Excel's "CSV UTF-8" saves it: a byte-order mark, CRLF, quotes only where needed.</summary>
    private static byte[] Csv(IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(cell => cell is null ? "" : cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell))
                .Append("\r\n");
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
