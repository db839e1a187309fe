using System.Net;
using Azure;
using BackOnTrack.Storage;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.Storage;

public sealed class StorageRetries : IDisposable
{
    private readonly FakeClock _clock = new();
    private readonly ScriptedHttpHandler _transport = new();
    private readonly StorageAccount _account;

    public StorageRetries()
    {
        _account = StorageAccount.Create(
            StorageConnection.Parse("UseDevelopmentStorage=true"),
            new StorageClientOptions { MaxRetries = 3, RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30) },
            _clock,
            transport: _transport);
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public async Task SucceedsAfterOneRetryWhen503IsFollowedBy201WithoutRealWaiting()
    {
        _transport
            .Then(HttpStatusCode.ServiceUnavailable, r => r.Headers.Add("x-ms-error-code", "ServerBusy"))
            .Then(HttpStatusCode.Created, r => r.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0x8DD1\""));

        var upload = _account.Blobs.UploadAsync("drops", "1234567/a.csv", "UPN\n"u8.ToArray());
        await _clock.WaitForPendingTimerAsync();
        Assert.False(upload.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var properties = await upload;

        Assert.Equal("\"0x8DD1\"", properties.ETag.ToString("H"));
        Assert.Equal(2, _transport.Requests.Count);
    }

    [Fact]
    public async Task WaitsExactlyWhatRetryAfterAsks()
    {
        _transport
            .Then(HttpStatusCode.ServiceUnavailable, r => r.Headers.Add("Retry-After", "7"))
            .Then(HttpStatusCode.Created);

        var upload = _account.Blobs.UploadAsync("drops", "1234567/a.csv", "UPN\n"u8.ToArray());
        await _clock.WaitForPendingTimerAsync();

        Assert.Equal([TimeSpan.FromSeconds(7)], _clock.PendingDelays);
        _clock.Advance(TimeSpan.FromSeconds(7));
        await upload;
        Assert.Equal(2, _transport.Requests.Count);
    }

    [Fact]
    public async Task DoesNotRetryAConflict()
    {
        _transport.Then(HttpStatusCode.Conflict, r => r.Headers.Add("x-ms-error-code", "BlobAlreadyExists"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _account.Blobs.UploadAsync("drops", "1234567/a.csv", "UPN\n"u8.ToArray()));

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Single(_transport.Requests);
    }

    [Fact]
    public async Task DoesNotRetryAFailedPrecondition()
    {
        _transport.Then(HttpStatusCode.PreconditionFailed, r => r.Headers.Add("x-ms-error-code", "ConditionNotMet"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _account.Blobs.UploadAsync("drops", "1234567/a.csv", "UPN\n"u8.ToArray()));

        Assert.Equal(412, error.Status);
        Assert.Single(_transport.Requests);
    }

    [Fact]
    public async Task RetriesANetworkFailure()
    {
        _transport.ThenThrow(new HttpRequestException("connection refused")).Then(HttpStatusCode.Created);

        var send = _account.Queues.CreateQueueIfNotExistsAsync("drop-events");
        await _clock.WaitForPendingTimerAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await send);
        Assert.Equal(2, _transport.Requests.Count);
    }

    [Fact]
    public async Task GivesUpAfterTheConfiguredRetriesAndKeepsTheServiceErrorCode()
    {
        for (var i = 0; i < 4; i++)
        {
            _transport.Then(HttpStatusCode.InternalServerError, r => r.Headers.Add("x-ms-error-code", "OperationTimedOut"));
        }

        var send = _account.Queues.GetApproximateMessageCountAsync("drop-events");
        for (var retry = 0; retry < 3; retry++)
        {
            await _clock.WaitForPendingTimerAsync();
            _clock.Advance(TimeSpan.FromSeconds(30));
        }

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => send);
        Assert.Equal(500, error.Status);
        Assert.Equal("OperationTimedOut", error.ErrorCode);
        Assert.Equal(4, _transport.Requests.Count);
    }

    [Fact]
    public async Task SignsEveryAttemptAfresh()
    {
        _transport.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.Created);

        var send = _account.Queues.CreateQueueIfNotExistsAsync("drop-events");
        await _clock.WaitForPendingTimerAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await send;

        Assert.All(_transport.Requests, r => Assert.StartsWith("SharedKey devstoreaccount1:", r.Authorization, StringComparison.Ordinal));
        Assert.NotEqual(_transport.Requests[0].Authorization, _transport.Requests[1].Authorization);
    }
}
