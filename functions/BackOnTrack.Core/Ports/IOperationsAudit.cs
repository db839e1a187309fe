using BackOnTrack.Core.Operations;

namespace BackOnTrack.Core.Ports;

/// <summary>Table OperationsAudit: what each operations verb did (withdraw, reprocess, erase, rekey), newest first per operation.</summary>
public interface IOperationsAudit
{
    /// <summary>Adds the entry; entries are never changed or removed by the hub.</summary>
    Task WriteAsync(OperationsAuditEntry entry, CancellationToken cancellationToken);
}
