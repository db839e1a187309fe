using BackOnTrack.Core.Ports;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;
using BackOnTrack.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Schools;

/// <summary>
/// A school with its key asks the hub for an upload URL, uploads with it, and reads its drop's status; another school's
/// key, a revoked key or no key gets nothing, and no school learns of another's files.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SchoolUploadsThroughTheHub(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private readonly Laestab _otherSchool = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private readonly HttpClient _http = new();
    private TestHub _hub = null!;
    private SchoolKey _key = null!;
    private SchoolKey _otherKey = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(azurite, new DateOnly(2025, 3, 3));
        var keys = _hub.Services.GetRequiredService<ISchoolKeys>();
        _key = await keys.IssueAsync(_school, DateTimeOffset.UtcNow, CancellationToken.None);
        _otherKey = await keys.IssueAsync(_otherSchool, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _hub.DisposeAsync();
    }

    private async Task<HttpResponseMessage> AskAsync(HttpMethod method, string path, SchoolKey? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_hub.Address, path));
        if (key is not null)
        {
            request.Headers.Add("X-School-Key", key.ToString());
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> UploadUrlAsync(object body)
    {
        using var response = await AskAsync(HttpMethod.Post, $"api/schools/{_school}/upload-url", _key, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpStatusCode> PutAsync(string url, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task ASchoolUploadsThroughItsUrlAndFollowsItsDropToProcessed()
    {
        var grant = await UploadUrlAsync(new { fileName = "exclusions-2024-25.csv" });
        Assert.Equal($"{_school}/exclusions-2024-25.csv", grant.GetProperty("blobName").GetString());

        Assert.Equal(HttpStatusCode.Created, await PutAsync(grant.GetProperty("uploadUrl").GetString()!, await File.ReadAllBytesAsync(Fixtures.Path("exclusions-2024-25.csv"))));
        var statusUrl = grant.GetProperty("statusUrl").GetString()!;
        using (var waiting = await AskAsync(HttpMethod.Get, statusUrl, _key))
        {
            Assert.Equal("Waiting", (await waiting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        await _hub.SendBlobCreatedAsync($"{_school}/exclusions-2024-25.csv");
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded);

        using var done = await AskAsync(HttpMethod.Get, statusUrl, _key);
        var status = await done.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Processed", "Exclusions"), (status.GetProperty("status").GetString(), status.GetProperty("kind").GetString()));
        Assert.True(status.GetProperty("rowsAccepted").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Object, status.GetProperty("report").ValueKind);

        var dropId = status.GetProperty("dropId").GetString()!;
        using var byId = await AskAsync(HttpMethod.Get, $"api/drops/{_school}/{dropId}", _key);
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        using var otherAsksById = await AskAsync(HttpMethod.Get, $"api/drops/{_otherSchool}/{dropId}", _otherKey);
        Assert.Equal(HttpStatusCode.NotFound, otherAsksById.StatusCode);
        using var otherAsksByName = await AskAsync(HttpMethod.Get, $"api/drops/{_otherSchool}?blob={_school}/exclusions-2024-25.csv", _otherKey);
        Assert.Equal(HttpStatusCode.NotFound, otherAsksByName.StatusCode);

        // Neither the school's key nor the URL's signature is ever logged.
        var signature = System.Web.HttpUtility.ParseQueryString(new Uri(grant.GetProperty("uploadUrl").GetString()!).Query)["sig"]!;
        Assert.NotEmpty(_hub.Logs.Lines);
        Assert.DoesNotContain(_hub.Logs.Lines, line => line.Contains(_key.Secret, StringComparison.Ordinal) || line.Contains(signature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATakenNameNeedsReplacesAndReplacesNeedsAnExistingFileOfTheSchool()
    {
        var first = await UploadUrlAsync(new { fileName = "register.csv" });
        Assert.Equal(HttpStatusCode.Created, await PutAsync(first.GetProperty("uploadUrl").GetString()!, "URN\r\n"u8.ToArray()));

        using (var again = await AskAsync(HttpMethod.Post, $"api/schools/{_school}/upload-url", _key, new { fileName = "register.csv" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var missing = await AskAsync(HttpMethod.Post, $"api/schools/{_school}/upload-url", _key, new { replaces = "nothing-here.csv" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var replace = await UploadUrlAsync(new { replaces = "register.csv" });
        Assert.True(replace.GetProperty("replaces").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, await PutAsync(replace.GetProperty("uploadUrl").GetString()!, "URN,UPN\r\n"u8.ToArray()));
    }

    [Theory]
    [InlineData("../3729999/x.csv")]
    [InlineData("sub/folder.csv")]
    [InlineData("macro.xlsm")]
    [InlineData("")]
    public async Task AFileNameThatIsNotAPlainCsvOrXlsxNameIsRefused(string fileName)
    {
        using var response = await AskAsync(HttpMethod.Post, $"api/schools/{_school}/upload-url", _key, new { fileName });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NoKeyAnotherSchoolsKeyAWrongSecretOrARevokedKeyIsRefused()
    {
        var forged = new SchoolKey(_key.KeyId, _otherKey.Secret);
        foreach (var key in new[] { null, _otherKey, forged })
        {
            using var upload = await AskAsync(HttpMethod.Post, $"api/schools/{_school}/upload-url", key, new { fileName = "a.csv" });
            using var status = await AskAsync(HttpMethod.Get, $"api/drops/{_school}?blob=a.csv", key);
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (upload.StatusCode, status.StatusCode));
        }

        await _hub.Services.GetRequiredService<ISchoolKeys>().RevokeAsync(_school, _key.KeyId, DateTimeOffset.UtcNow, CancellationToken.None);
        using var revoked = await AskAsync(HttpMethod.Post, $"api/schools/{_school}/upload-url", _key, new { fileName = "a.csv" });
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }
}
