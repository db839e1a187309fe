using System.Net;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Polly.Timeout;

namespace BackOnTrack.M365.Graph;

/// <summary>How a failed Graph call is read: about one recipient (403, 404), or about the hub (everything else).</summary>
internal static class GraphFailures
{
    /// <summary>True for the statuses that concern one recipient only: the run goes on without them.</summary>
    public static bool IsAboutRecipient(int status) => status is (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound;

    /// <summary>Status, error code and message of a Graph error response.</summary>
    public static (int Status, string? Code, string Message) Read(ApiException error)
    {
        var code = (error as ODataError)?.Error?.Code;
        var message = (error as ODataError)?.Error?.Message;
        return (error.ResponseStatusCode, code, string.IsNullOrWhiteSpace(message) ? error.Message : message);
    }

    /// <summary>True for the failures <see cref="ToHubFailure"/> turns into the hub's own exceptions.</summary>
    public static bool IsHubFailure(Exception error) =>
        error is ApiException or AuthenticationFailedException or CredentialUnavailableException
            or HttpRequestException or IOException or TimeoutException or TimeoutRejectedException;

    /// <summary>
    /// The exception to throw for a failure that is not about one recipient: 401 and an unobtainable token are the
    /// hub's own credentials refused; anything else keeps its status (0 without a response) and code.
    /// </summary>
    public static M365ServiceException ToHubFailure(Exception error, string operation) => error switch
    {
        ApiException { ResponseStatusCode: (int)HttpStatusCode.Unauthorized } api => Refused(api, operation),
        ApiException api => Failed(api, operation),
        AuthenticationFailedException or CredentialUnavailableException => new M365CredentialsRefusedException(
            0, "TokenUnavailable", $"{operation}: the hub could not obtain a Graph token for its own identity: {error.Message}", error),
        HttpRequestException or IOException or TimeoutException or TimeoutRejectedException => new M365ServiceException(
            0, "NetworkError", $"{operation}: Graph could not be reached (after retries): {error.Message}", error),
        _ => new M365ServiceException(0, null, $"{operation} failed: {error.Message}", error),
    };

    private static M365CredentialsRefusedException Refused(ApiException api, string operation)
    {
        var (status, code, message) = Read(api);
        return new M365CredentialsRefusedException(
            status,
            code,
            $"{operation}: Graph refused the hub's own credentials ({status} {code ?? "(no error code)"}): {message}. " +
            "Check M365:TenantId, M365:ClientId and the app registration's secret or federated credential (or, without M365:ClientId, the managed identity's Graph app roles); nothing else will succeed.",
            api);
    }

    private static M365ServiceException Failed(ApiException api, string operation)
    {
        var (status, code, message) = Read(api);
        var retryAfter = api.ResponseHeaders.TryGetValue("Retry-After", out var values) ? $" (Retry-After {string.Join(",", values)})" : "";
        return new M365ServiceException(status, code, $"{operation} failed: {status} {code ?? "(no error code)"}: {message}{retryAfter}", api);
    }
}
