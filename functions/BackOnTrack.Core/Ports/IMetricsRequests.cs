namespace BackOnTrack.Core.Ports;

/// <summary>Queue <c>metrics-requests</c>: asks RecomputeMetrics to work out school-years ("scope|yyyy-yy") again.</summary>
public interface IMetricsRequests
{
    /// <summary>Asks for each school-year once, in order; returns how many requests were sent.</summary>
    Task<int> RequestAsync(IEnumerable<string> schoolYears, CancellationToken cancellationToken);
}
