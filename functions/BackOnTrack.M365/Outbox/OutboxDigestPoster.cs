using System.Text;
using System.Text.Json.Nodes;
using BackOnTrack.M365.Digest;

namespace BackOnTrack.M365.Outbox;

/// <summary>
/// Outbox mode's digest poster: records the exact body the webhook would have been sent (channel BoardDigest, Kind
/// digest) after the same 28 KB check, and says Outboxed, never Posted.
/// </summary>
public class OutboxDigestPoster(OutboxStore outbox) : IBoardDigestPoster
{
    public async Task<DigestPostResult> PostAsync(JsonObject card, CancellationToken cancellationToken)
    {
        var body = WorkflowsMessage.SerializeWithinLimit(card);
        await outbox.AppendAsync(OutboxChannels.BoardDigest, OutboxKinds.Digest, Encoding.UTF8.GetString(body), recipient: null, actionKey: null, cancellationToken)
            .ConfigureAwait(false);
        return new DigestPostResult(DigestOutcome.Outboxed, body.Length);
    }
}
