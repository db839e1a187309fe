namespace BackOnTrack.Core.Ingest;

/// <summary>
/// Why a row (or one cell of a wide attendance row) was rejected. <paramref name="Column"/> is the column's heading as
/// the file has it (or the canonical name of a missing column). <paramref name="Reason"/> never quotes the cell, so
/// it is safe to store and show: it cannot carry a UPN, a name or anything else the file held.
/// </summary>
public sealed record RowError(int RowNumber, string Column, string Reason);
