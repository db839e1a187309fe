using System.ComponentModel.DataAnnotations;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Core.EarlyWarning;

namespace BackOnTrack.UnitTests.Configuration;

public class EarlyWarningOptionsValidation
{
    private static List<ValidationResult> Errors(EarlyWarningOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void TheDefaultsAreValidAndAreTheRulesDefaults()
    {
        var options = new EarlyWarningOptions();

        Assert.Empty(Errors(options));
        var thresholds = options.ToThresholds();
        Assert.Equal(new EarlyWarningThresholds() with { SufficientAlone = thresholds.SufficientAlone }, thresholds);
        Assert.Empty(thresholds.SufficientAlone);
    }

    [Fact]
    public void SufficientAloneTakesReasonCodesJoinedByCommas()
    {
        var options = new EarlyWarningOptions { SufficientAlone = "SevereAbsence, WithdrawnPermanent" };

        Assert.Empty(Errors(options));
        Assert.Equal(new HashSet<EarlyWarningReason> { EarlyWarningReason.SevereAbsence, EarlyWarningReason.WithdrawnPermanent }, options.ToThresholds().SufficientAlone);
    }

    [Theory]
    [InlineData("Severe")]
    [InlineData("3")]
    [InlineData("severeabsence")]
    public void AnUnknownReasonIsRejectedAtStart(string code)
    {
        var error = Assert.Single(Errors(new EarlyWarningOptions { SufficientAlone = code }));

        Assert.Contains(nameof(EarlyWarningOptions.SufficientAlone), error.MemberNames);
    }

    [Fact]
    public void AMinimumBaselineLargerThanTheBaselineIsRejected()
    {
        Assert.Single(Errors(new EarlyWarningOptions { FallingBaselineSessions = 50, FallingMinimumBaselineSessions = 60 }));
    }

    [Fact]
    public void AZeroWindowIsRejected()
    {
        Assert.Single(Errors(new EarlyWarningOptions { RepeatSuspensionsDays = 0 }));
    }
}
