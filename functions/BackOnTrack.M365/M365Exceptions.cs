namespace BackOnTrack.M365;

/// <summary>
/// A Microsoft 365 call failed for a reason that is not about one recipient: the service's status (0 for a network
/// failure) and error code are kept, as the storage clients' <c>RequestFailedException</c> does.
/// </summary>
public class M365ServiceException : Exception
{
    public M365ServiceException()
    {
    }

    public M365ServiceException(string message)
        : base(message)
    {
    }

    public M365ServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public M365ServiceException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status of the last attempt; 0 when no response came (network failure, timeout).</summary>
    public int Status { get; }

    /// <summary>The service's error code (Graph's <c>error.code</c>), when it gave one.</summary>
    public string? ErrorCode { get; }
}

/// <summary>
/// The hub's own credentials were refused (Graph 401, the token could not be obtained, or the webhook's signature was
/// rejected). Nothing else will succeed either: the run stops (DESIGN §5).
/// </summary>
public sealed class M365CredentialsRefusedException : M365ServiceException
{
    public M365CredentialsRefusedException()
    {
    }

    public M365CredentialsRefusedException(string message)
        : base(message)
    {
    }

    public M365CredentialsRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public M365CredentialsRefusedException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(status, errorCode, message, innerException)
    {
    }
}

/// <summary>The digest's posted body would be 28 KB or more; it is refused before sending, never truncated.</summary>
public sealed class DigestTooLargeException : M365ServiceException
{
    public DigestTooLargeException()
    {
    }

    public DigestTooLargeException(string message)
        : base(message)
    {
    }

    public DigestTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DigestTooLargeException(int bytes, int limit)
        : base(0, "DigestTooLarge", $"The digest's body is {bytes} bytes of UTF-8; the Workflows webhook accepts less than {limit}. Nothing was posted.")
    {
        Bytes = bytes;
        Limit = limit;
    }

    public int Bytes { get; }
    public int Limit { get; }
}
