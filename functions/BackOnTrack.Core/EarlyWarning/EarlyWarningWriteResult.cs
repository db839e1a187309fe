namespace BackOnTrack.Core.EarlyWarning;

/// <summary>What applying a school's early-warning writes came to.</summary>
public enum EarlyWarningWriteResult
{
    /// <summary>There was nothing to write.</summary>
    Unchanged,

    Written,

    /// <summary>A row changed (or appeared, or went) since it was read: what was applied stays, and the next attempt rewrites it.</summary>
    Conflict,
}
