using BackOnTrack.Core.Plans;

namespace BackOnTrack.UnitTests.Core.Plans;

public class OwnersFileReading
{
    private static OwnersImport Read(string csv) => OwnersFile.Read(PlanFiles.CsvRows(csv));

    [Fact]
    public void The_seed_owners_file_gives_every_role_with_its_upn_and_object_id()
    {
        var owners = PlanFiles.SeedOwners();

        Assert.Equal(13, owners.Owners.Count);
        Assert.Equal(13, owners.RowsRead);
        Assert.Empty(owners.Report);
        Assert.Equal(
            new Owner("RMBC Head of Inclusion", "head.inclusion@rotherham.example", Guid.Parse("8d037ebb-46cf-52e5-86de-622c73bba6aa")),
            owners.Owners[0]);
        var group = owners.Owners.Single(o => o.Role == "Rotherham Trailblazer Local Reference Group");
        Assert.Null(group.ObjectId);
        Assert.Contains(owners.Owners, o => o.Role == "Joint AD Commissioning, Performance & Inclusion");
    }

    [Theory]
    [InlineData("Role,UPN,ObjectId")]
    [InlineData("Role,UPN (Email),Object ID")]
    [InlineData("role name,Email Address,Entra Object Id")]
    [InlineData("Role,Email")]
    public void The_owners_file_is_recognised_by_its_headings_in_their_usual_spellings(string header)
    {
        var owners = Read(header + "\nRMBC Head of Inclusion,head.inclusion@rotherham.example\n");

        Assert.Null(owners.Rejection);
        Assert.Equal("head.inclusion@rotherham.example", Assert.Single(owners.Owners).Upn);
    }

    [Fact]
    public void Rows_with_problems_are_left_out_and_reported_without_quoting_the_upn_or_object_id()
    {
        var owners = Read("""
            Role,UPN,ObjectId
            RMBC Head of Inclusion,head.inclusion@rotherham.example,8d037ebb-46cf-52e5-86de-622c73bba6aa
            ,nobody@rotherham.example,
            Head of Finance CYPS,finance.cyps at rotherham,
            Joint Workforce Project Lead,,
            RMBC Principal Psychologist,principal.psychologist@rotherham.example,not-a-guid-1234
            rmbc head of  INCLUSION,someone.else@rotherham.example,
            Service Manager, Early Help
            """);

        Assert.Equal(["RMBC Head of Inclusion"], owners.Owners.Select(o => o.Role));
        Assert.Equal(7, owners.RowsRead);
        Assert.Equal(
            [
                (3, null, PlanIssue.MissingRole),
                (4, "Head of Finance CYPS", PlanIssue.InvalidUpn),
                (5, "Joint Workforce Project Lead", PlanIssue.InvalidUpn),
                (6, "RMBC Principal Psychologist", PlanIssue.InvalidObjectId),
                (7, "rmbc head of INCLUSION", PlanIssue.RepeatedRole),
                (8, "Service Manager", PlanIssue.InvalidUpn),
            ],
            owners.Report.Select(e => (e.RowNumber, e.Subject, e.Issue)));
        Assert.Equal("The role 'Head of Finance CYPS' has a UPN (email) that is not an address of the form name@domain; the row is not imported.", owners.Report[1].Message);
        Assert.Equal("The role 'Joint Workforce Project Lead' has no UPN (email); the row is not imported.", owners.Report[2].Message);
        Assert.All(owners.Report, e => Assert.DoesNotContain("rotherham", e.Message.Replace("Rotherham", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(owners.Report, e => Assert.DoesNotContain("not-a-guid", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_repeated_with_different_punctuation_is_the_same_role()
    {
        var owners = Read("""
            Role,UPN
            "Joint AD Commissioning, Performance & Inclusion",ad.commissioning@rotherham.example
            Joint AD Commissioning Performance and Inclusion,other@rotherham.example
            """);

        Assert.Single(owners.Owners);
        var entry = Assert.Single(owners.Report);
        Assert.Equal(PlanIssue.RepeatedRole, entry.Issue);
        Assert.Equal(
            "The role 'Joint AD Commissioning Performance and Inclusion' appears again (first at row 2, compared ignoring case and punctuation); this row is not imported, since a role has one holder.",
            entry.Message);
    }

    [Fact]
    public void Title_rows_above_the_header_are_allowed()
    {
        var owners = Read("""
            SEMH strategy owners (updated September 2019)
            ,,
            Role,UPN,ObjectId
            RMBC Head of Inclusion,head.inclusion@rotherham.example,
            """);

        Assert.Equal("RMBC Head of Inclusion", Assert.Single(owners.Owners).Role);
        Assert.Equal(1, owners.RowsRead);
    }

    [Fact]
    public void An_action_plan_is_refused_as_an_owners_file()
    {
        var owners = OwnersFile.Read(PlanFiles.FixtureRows(PlanFiles.PlanCsv));

        Assert.Equal("The file is an action plan (header at row 3), not an owners file.", owners.Rejection);
        Assert.Empty(owners.Owners);
    }

    [Fact]
    public void The_resolver_knows_exactly_the_roles_imported()
    {
        var resolution = PlanFiles.SeedResolver().Resolve("RMBC Principal Psychologist / SEND Sufficiency Group");

        Assert.Equal(["RMBC Principal Psychologist"], resolution.Roles);
        Assert.Equal(["SEND Sufficiency Group"], resolution.Unresolved);
    }
}
