using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table PromptLedger in memory: the keys recorded in each week, with their kind and outcome.</summary>
public sealed class InMemoryPromptLedger : IPromptLedger
{
    public Dictionary<(string Week, string Key), (string Kind, string Outcome, DateTimeOffset SentAt)> Rows { get; } = [];

    public Task<IReadOnlySet<string>> RecordedAsync(IsoWeek week, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(Rows.Keys.Where(k => k.Week == week.ToString()).Select(k => k.Key).ToHashSet(StringComparer.Ordinal));

    public Task RecordAsync(IsoWeek week, string ledgerKey, string kind, string outcome, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        Rows[(week.ToString(), ledgerKey)] = (kind, outcome, sentAt);
        return Task.CompletedTask;
    }
}
