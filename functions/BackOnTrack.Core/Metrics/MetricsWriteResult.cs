namespace BackOnTrack.Core.Metrics;

/// <summary>What a conditional replace of a scope-year's Metrics rows came to.</summary>
public enum MetricsWriteResult
{
    /// <summary>The rows were already these: nothing was written.</summary>
    Unchanged,

    Written,

    /// <summary>Another writer wrote the scope-year after the version was read: read it again and compute again.</summary>
    Conflict,
}
