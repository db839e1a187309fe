using BackOnTrack.Core.Ports;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>The portal's page and assets with their headers, the school's history and returns, and Azurite's CORS for the browser's PUT.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PortalEndpointsThroughTheHub(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private readonly Laestab _otherSchool = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private readonly HttpClient _http = new();
    private TestHub _hub = null!;
    private SchoolKey _key = null!;
    private SchoolKey _otherKey = null!;

    public async Task InitializeAsync()
    {
        // Today: a drop belongs to the term it is received in, and it is received now.
        _hub = await TestHub.StartAsync(azurite, DateOnly.FromDateTime(DateTime.UtcNow));
        var keys = _hub.Services.GetRequiredService<ISchoolKeys>();
        _key = await keys.IssueAsync(_school, DateTimeOffset.UtcNow, CancellationToken.None);
        _otherKey = await keys.IssueAsync(_otherSchool, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _hub.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, SchoolKey? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_hub.Address, path));
        if (key is not null)
        {
            request.Headers.Add("X-School-Key", key.ToString());
        }

        return await _http.SendAsync(request);
    }

    [Theory]
    [InlineData("api/portal", "text/html")]
    [InlineData("api/portal/portal.js", "text/javascript")]
    [InlineData("api/portal/portal.css", "text/css")]
    public async Task ThePageAndItsAssetsCarryTheSecurityHeaders(string path, string contentType)
    {
        using var response = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task AnAssetThatIsNotThePortalsIsNotFoundAndAnUnchangedOneIsNotSentAgain()
    {
        using var missing = await GetAsync("api/portal/appsettings.json", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var first = await GetAsync("api/portal/portal.js", null);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(_hub.Address, "api/portal/portal.js"));
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        using var cached = await _http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
    }

    [Fact]
    public async Task ASchoolsHistoryIsItsOwnDropsNewestFirstAndAnotherKeyGetsNothing()
    {
        await _hub.UploadFixtureAsync("exclusions-2024-25.csv", $"{_school}/first.csv");
        await _hub.SendBlobCreatedAsync($"{_school}/first.csv");
        await _hub.RunOnceAsync(withTimers: false);
        await _hub.UploadFixtureAsync("notes.csv", $"{_school}/second.csv");
        await _hub.SendBlobCreatedAsync($"{_school}/second.csv");
        await _hub.UploadFixtureAsync("exclusions-mixed.csv", $"{_otherSchool}/theirs.csv");
        await _hub.SendBlobCreatedAsync($"{_otherSchool}/theirs.csv");
        await _hub.RunOnceAsync(withTimers: false);

        using var response = await GetAsync($"api/schools/{_school}/drops", _key);
        var drops = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("drops").EnumerateArray().ToList();
        Assert.Equal(["second.csv", "first.csv"], drops.Select(d => d.GetProperty("fileName").GetString()));
        Assert.Equal(["Rejected", "Processed"], drops.Select(d => d.GetProperty("status").GetString()));

        foreach (var key in new[] { null, _otherKey })
        {
            using var refused = await GetAsync($"api/schools/{_school}/drops", key);
            using var refusedReturns = await GetAsync($"api/schools/{_school}/returns", key);
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (refused.StatusCode, refusedReturns.StatusCode));
        }
    }

    [Fact]
    public async Task ReturnsSayWhatTheSchoolStillOwesThisTerm()
    {
        await _hub.UploadFixtureAsync("exclusions-2024-25.csv", $"{_school}/exclusions.csv");
        await _hub.SendBlobCreatedAsync($"{_school}/exclusions.csv");
        await _hub.RunOnceAsync(withTimers: false);

        using var response = await GetAsync($"api/schools/{_school}/returns", _key);
        var returns = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_school.Value, returns.GetProperty("laestab").GetString());
        Assert.Equal(["AttendanceMarks", "AttendanceSummary"], returns.GetProperty("owed").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task AzuriteLetsThePortalsOriginPutAFile()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, _hub.Storage.BlobUri(HubStorageNames.Containers.Drops, $"{_school}/x.csv"));
        preflight.Headers.Add("Origin", _hub.Address.GetLeftPart(UriPartial.Authority));
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type,content-type");

        using var response = await _http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PUT", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }
}
