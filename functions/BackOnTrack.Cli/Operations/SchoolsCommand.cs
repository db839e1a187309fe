using BackOnTrack.Core.Ports;
using System.CommandLine;
using System.Globalization;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.Operations;

/// <summary>
/// <c>schools issue-key &lt;laestab&gt;</c> and <c>schools revoke-key &lt;laestab&gt; [--key-id id]</c>: the keys schools
/// present (header <c>X-School-Key</c>) to ask for upload URLs and read their drops' status.
/// </summary>
public static class SchoolsCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var issueSchool = new Argument<string>("laestab") { Description = "The school's LAESTAB (7 digits)." };
        var issue = new Command("issue-key", "Issue a new key for the school and print it once: only its hash is kept, so it cannot be shown again.") { issueSchool };
        issue.SetAction((result, cancellationToken) => IssueAsync(result.GetRequiredValue(issueSchool), result.InvocationConfiguration.Output, TimeProvider.System, configure, cancellationToken));

        var revokeSchool = new Argument<string>("laestab") { Description = "The school's LAESTAB (7 digits)." };
        var keyId = new Option<string?>("--key-id") { Description = "Revoke only this key (the part before the dot); default every key of the school." };
        var revoke = new Command("revoke-key", "Revoke a school's key (or all its keys): requests with it are refused at once.") { revokeSchool, keyId };
        revoke.SetAction((result, cancellationToken) => RevokeAsync(result.GetRequiredValue(revokeSchool), result.GetValue(keyId), result.InvocationConfiguration.Output, TimeProvider.System, configure, cancellationToken));

        return new Command("schools", "Schools' keys for the upload-URL and drop-status functions.") { issue, revoke };
    }

    internal static async Task<int> IssueAsync(string laestab, TextWriter output, TimeProvider clock, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (!Laestab.TryParse(laestab, out var school, out var reason))
        {
            throw new UsageException(reason);
        }

        using var app = await OperationsApp.OpenAsync(clock, configure, cancellationToken).ConfigureAwait(false);
        var key = await app.Services.GetRequiredService<ISchoolKeys>().IssueAsync(school, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Key {key.KeyId} issued for school {school}. Give it to the school over a secure channel; it is shown only now:")).ConfigureAwait(false);
        await output.WriteLineAsync(key.ToString()).ConfigureAwait(false);
        return 0;
    }

    internal static async Task<int> RevokeAsync(string laestab, string? keyId, TextWriter output, TimeProvider clock, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (!Laestab.TryParse(laestab, out var school, out var reason))
        {
            throw new UsageException(reason);
        }

        using var app = await OperationsApp.OpenAsync(clock, configure, cancellationToken).ConfigureAwait(false);
        var revoked = await app.Services.GetRequiredService<ISchoolKeys>().RevokeAsync(school, keyId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{revoked} key(s) of school {school} revoked.")).ConfigureAwait(false);
        return revoked > 0 || keyId is null ? 0 : 2;
    }
}
