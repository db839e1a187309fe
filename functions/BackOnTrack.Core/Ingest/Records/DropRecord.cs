namespace BackOnTrack.Core.Ingest.Records;

/// <summary>
/// A validated, normalised row of a data drop. Pupils appear only as <see cref="Identifiers.PupilKey"/>s: no record
/// holds a UPN, name, date of birth or address.
/// </summary>
public abstract record DropRecord;
