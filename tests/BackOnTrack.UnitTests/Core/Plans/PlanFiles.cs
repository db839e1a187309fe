using System.Text;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.UnitTests.Core.Plans;

/// <summary>Reads the plan fixtures and small inline plan files through the repository's tabular readers.</summary>
internal static class PlanFiles
{
    public const string PlanCsv = "semh-action-plan.csv";
    public const string PlanXlsx = "semh-action-plan.xlsx";
    public const string OwnersCsv = "semh-owners.csv";

    /// <summary>The header every inline plan in these tests starts with: an unheaded id column, then the strategy's headings.</summary>
    public const string PlanHeader = ",Action,Progress updates,Target date,Owner\n";

    public static List<TabularRow> FixtureRows(string fileName)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Core", "Plans", "Fixtures", fileName));
        return TabularFile.Open(stream, fileName).Rows.ToList();
    }

    public static List<TabularRow> CsvRows(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return TabularFile.Open(stream, "plan.csv").Rows.ToList();
    }

    public static OwnersImport SeedOwners()
    {
        var owners = OwnersFile.Read(FixtureRows(OwnersCsv));
        Assert.Null(owners.Rejection);
        return owners;
    }

    public static OwnerResolver SeedResolver() => SeedOwners().Resolver();

    /// <summary>Reads an inline plan (after <see cref="PlanHeader"/>) against the seed's owners.</summary>
    public static PlanImport ReadPlan(string rowsAfterHeader)
    {
        var import = ActionPlanReader.Read(CsvRows(PlanHeader + rowsAfterHeader), SeedResolver());
        Assert.Null(import.Rejection);
        return import;
    }
}
