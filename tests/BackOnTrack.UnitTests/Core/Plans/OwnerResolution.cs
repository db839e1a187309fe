using BackOnTrack.Core.Plans;

namespace BackOnTrack.UnitTests.Core.Plans;

public class OwnerResolution
{
    private const string JointAd = "Joint AD Commissioning, Performance & Inclusion";
    private const string Finance = "Head of Finance CYPS";
    private const string EarlyHelp = "Service Manager, Early Help";
    private const string Camhs = "RDaSH CAMHS Service Manager";

    private static readonly OwnerResolver Resolver = new(
    [
        JointAd,
        Finance,
        EarlyHelp,
        Camhs,
        "Rotherham Trailblazer Strategic Lead",
        "RMBC Head of Inclusion",
        "Head of Inclusion",
        "RMBC Head of Service, Performance & Quality",
    ]);

    [Theory]
    [InlineData("Joint AD Commissioning, Performance & Inclusion/ Head of Finance CYPS")]
    [InlineData("Joint AD Commissioning, Performance & Inclusion, Head of Finance CYPS")]
    [InlineData("Joint AD Commissioning, Performance & Inclusion & Head of Finance CYPS")]
    [InlineData("Joint AD Commissioning, Performance & Inclusion and Head of Finance CYPS")]
    [InlineData("Joint AD Commissioning, Performance & Inclusion; Head of Finance CYPS")]
    [InlineData("Joint AD Commissioning, Performance & Inclusion\nHead of Finance CYPS")]
    [InlineData("joint ad commissioning performance and inclusion / HEAD OF FINANCE, CYPS")]
    public void Roles_whose_names_hold_commas_and_ampersands_are_found_whatever_separates_them(string cell)
    {
        var resolution = Resolver.Resolve(cell);

        Assert.Equal([JointAd, Finance], resolution.Roles);
        Assert.Empty(resolution.Unresolved);
    }

    [Fact]
    public void A_role_with_a_comma_in_its_name_is_one_owner_not_two()
    {
        var resolution = Resolver.Resolve("Service Manager, Early Help");

        Assert.Equal([EarlyHelp], resolution.Roles);
        Assert.Empty(resolution.Unresolved);
    }

    [Fact]
    public void Two_roles_joined_by_an_ampersand_are_both_found_in_the_order_the_cell_names_them()
    {
        var resolution = Resolver.Resolve("RDaSH CAMHS Service Manager & Rotherham Trailblazer Strategic Lead");

        Assert.Equal([Camhs, "Rotherham Trailblazer Strategic Lead"], resolution.Roles);
    }

    [Fact]
    public void The_longest_role_wins_over_a_shorter_one_inside_it()
    {
        Assert.Equal(["RMBC Head of Inclusion"], Resolver.Resolve("RMBC Head of Inclusion").Roles);
        Assert.Equal(["Head of Inclusion"], Resolver.Resolve("Head of Inclusion").Roles);
    }

    [Fact]
    public void Roles_come_back_as_the_owners_file_writes_them_and_once_each()
    {
        var resolution = Resolver.Resolve("rmbc head of service - performance and quality / RMBC Head of Service, Performance & Quality");

        Assert.Equal(["RMBC Head of Service, Performance & Quality"], resolution.Roles);
    }

    [Fact]
    public void Text_that_matches_no_role_is_kept_as_written_split_only_at_list_separators()
    {
        var resolution = Resolver.Resolve("Various leads; oversight by SEND Sufficiency Group");

        Assert.Empty(resolution.Roles);
        Assert.Equal(["Various leads", "oversight by SEND Sufficiency Group"], resolution.Unresolved);
    }

    [Fact]
    public void Unknown_text_beside_a_known_role_is_unresolved_without_its_joining_word()
    {
        var resolution = Resolver.Resolve("Head of Finance CYPS & Virtual School Head");

        Assert.Equal([Finance], resolution.Roles);
        Assert.Equal(["Virtual School Head"], resolution.Unresolved);
    }

    [Fact]
    public void A_near_miss_is_never_matched_to_the_closest_role()
    {
        var resolution = Resolver.Resolve("Head of Finance");

        Assert.Empty(resolution.Roles);
        Assert.Equal(["Head of Finance"], resolution.Unresolved);
    }

    [Fact]
    public void An_unknown_name_with_a_comma_stays_whole_since_the_comma_may_be_part_of_it()
    {
        var resolution = Resolver.Resolve("Head of Service, Commissioning & Partnerships");

        Assert.Equal(["Head of Service, Commissioning & Partnerships"], resolution.Unresolved);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" / ; ")]
    public void An_empty_cell_names_no_one(string? cell)
    {
        var resolution = Resolver.Resolve(cell);

        Assert.Empty(resolution.Roles);
        Assert.Empty(resolution.Unresolved);
    }

    [Fact]
    public void A_role_is_matched_only_on_whole_words()
    {
        var resolver = new OwnerResolver(["Lead"]);

        var resolution = resolver.Resolve("Leadership Team");

        Assert.Empty(resolution.Roles);
        Assert.Equal(["Leadership Team"], resolution.Unresolved);
    }
}
