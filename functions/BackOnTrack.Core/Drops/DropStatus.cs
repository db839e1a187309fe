namespace BackOnTrack.Core.Drops;

/// <summary>A drop's state in table DataDrops (Contract names, plus the two the operations add).</summary>
public enum DropStatus
{
    /// <summary>Being read and stored; a crash leaves it here and redelivery finishes it.</summary>
    Processing,

    /// <summary>Stored: its accepted rows are in the tables.</summary>
    Processed,

    /// <summary>Refused whole (unreadable, unknown kind, wrong place, too many bad rows); copied to quarantine.</summary>
    Rejected,

    /// <summary>A newer version under the same blob name replaced it; its rows were removed.</summary>
    Superseded,

    /// <summary>An officer withdrew it (<c>drops withdraw</c>): its rows were removed and its metrics recomputed.</summary>
    Withdrawn,

    /// <summary>Its pupil rows passed the retention period and were deleted; the figures computed from them stay.</summary>
    Expired,
}

/// <summary>What became of one blob version, in its receipt (table BlobReceipts).</summary>
public enum ReceiptStatus
{
    Processing,
    Processed,
    Rejected,

    /// <summary>The same content was already stored under another name: nothing was written.</summary>
    Duplicate,
}
