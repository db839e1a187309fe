using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Application.Operations;

/// <summary>The returns tracker for one term: the register and the drop registry read, then <see cref="ReturnsTracker"/>.</summary>
public sealed class ReturnsTrackerUseCase(ISchoolRegister register, IDropRegistry drops, TimeProvider clock)
{
    /// <summary>The term and academic year the hub's clock is in.</summary>
    public (AcademicYear Year, Period Term) CurrentTerm()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (AcademicCalendar.AcademicYearOf(today), AcademicCalendar.TermOf(today));
    }

    public async Task<TermReturns> ForTermAsync(AcademicYear year, Period term, CancellationToken cancellationToken)
    {
        var schools = await register.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var received = await drops.ListAllAsync(cancellationToken).ConfigureAwait(false);
        return ReturnsTracker.ForTerm(
            schools,
            received.Select(d => new ReceivedDrop(d.Scope, d.DropId, d.BlobName, d.Kind, d.Status, d.ReceivedAt, d.ProcessedAt, d.RowsAccepted)),
            year,
            term);
    }
}
