using BackOnTrack.Core.Operations;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table OperationsAudit in memory: the entries written, in order.</summary>
public sealed class InMemoryOperationsAudit : IOperationsAudit
{
    public List<OperationsAuditEntry> Entries { get; } = [];

    public Task WriteAsync(OperationsAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Entries.Add(entry);
        return Task.CompletedTask;
    }
}
