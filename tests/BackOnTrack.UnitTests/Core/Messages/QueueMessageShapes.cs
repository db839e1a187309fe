using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Messages;

namespace BackOnTrack.UnitTests.Core.Messages;

public class QueueMessageShapes
{
    [Fact]
    public void AMetricsRequestIsWrittenExactlyAsTheQueueContractSays()
    {
        var request = new MetricsRequest(Scope.School(Laestab()), AcademicYear.Parse("2015-16"));

        Assert.Equal("""{"scope":"3724001","academicYear":"2015-16"}""", request.Serialize());
        Assert.Equal("""{"scope":"LA","academicYear":"2024-25"}""", new MetricsRequest(Scope.La, AcademicYear.Parse("2024-25")).Serialize());
    }

    [Fact]
    public void AMetricsRequestReadsBackAsItWasWritten()
    {
        var request = new MetricsRequest(Scope.School(Laestab()), AcademicYear.Parse("2015-16"));

        Assert.Equal(request, MetricsRequest.Parse(request.Serialize()));
        Assert.True(MetricsRequest.Parse("""{"academicYear":"2015-16","scope":"LA"}""").Scope.IsLa);
    }

    [Fact]
    public void ADropsSchoolYearBecomesItsMetricsRequest()
    {
        var request = MetricsRequest.FromSchoolYear("3724001|2016-17");

        Assert.Equal("3724001", request.Scope.Value);
        Assert.Equal(AcademicYear.Parse("2016-17"), request.AcademicYear);
        Assert.Throws<ArgumentException>(() => MetricsRequest.FromSchoolYear("3724001-2016-17"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"scope":"3724001"}""")]
    [InlineData("""{"scope":"la","academicYear":"2015-16"}""")]
    [InlineData("""{"scope":"12345","academicYear":"2015-16"}""")]
    [InlineData("""{"scope":"3724001","academicYear":"2015-17"}""")]
    [InlineData("""{"scope":3724001,"academicYear":"2015-16"}""")]
    public void AMetricsRequestOfAnotherShapeIsRefusedSayingWhatTheShapeIs(string message)
    {
        var refused = Assert.Throws<InvalidQueueMessageException>(() => MetricsRequest.Parse(message));

        Assert.Contains("\"scope\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"academicYear\"", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachTrackerSyncRequestIsWrittenExactlyAsTheQueueContractSays()
    {
        Assert.Equal("""{"planId":"semh-action-plan"}""", new TrackerSyncRequest.Plan("semh-action-plan").Serialize());
        Assert.Equal("""{"figures":"LA","academicYear":"2015-16"}""", new TrackerSyncRequest.Figures(Scope.La, AcademicYear.Parse("2015-16")).Serialize());
        Assert.Equal("""{"returns":"current"}""", new TrackerSyncRequest.Returns().Serialize());
    }

    [Fact]
    public void EachTrackerSyncRequestReadsBackAsItWasWritten()
    {
        TrackerSyncRequest[] requests =
        [
            new TrackerSyncRequest.Plan("semh-action-plan"),
            new TrackerSyncRequest.Figures(Scope.School(Laestab()), AcademicYear.Parse("2015-16")),
            new TrackerSyncRequest.Returns(),
        ];

        Assert.All(requests, request => Assert.Equal(request, TrackerSyncRequest.Parse(request.Serialize())));
    }

    [Theory]
    [InlineData("""{"planId":""}""", "planId is the plan's blob name")]
    [InlineData("""{"returns":"all"}""", "{\"returns\":\"current\"}")]
    [InlineData("""{"figures":"LA"}""", "{\"returns\":\"current\"}")]
    [InlineData("""{"figures":"nowhere","academicYear":"2015-16"}""", "{\"planId\":")]
    [InlineData("""{}""", "{\"planId\":")]
    [InlineData("42", "{\"planId\":")]
    public void ATrackerSyncRequestOfAnotherShapeIsRefusedSayingWhatTheShapeIs(string message, string said)
    {
        var refused = Assert.Throws<InvalidQueueMessageException>(() => TrackerSyncRequest.Parse(message));

        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LA", true)]
    [InlineData("3724001", false)]
    [InlineData("372/4001", false)]
    public void AScopeIsTheLaOrASchool(string text, bool isLa)
    {
        Assert.True(Scope.TryParse(text, out var scope));
        Assert.Equal(isLa, scope.IsLa);
        Assert.Equal(isLa ? "LA" : "3724001", scope.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("la")]
    [InlineData("England")]
    [InlineData("372400")]
    public void AnythingElseIsNotAScope(string? text) => Assert.False(Scope.TryParse(text, out _));

    private static Laestab Laestab() =>
        BackOnTrack.Core.Identifiers.Laestab.TryParse("3724001", out var laestab, out _) ? laestab : throw new InvalidOperationException();
}
