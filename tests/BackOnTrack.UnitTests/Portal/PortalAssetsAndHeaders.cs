using System.Text;
using BackOnTrack.Application.Portal;

namespace BackOnTrack.UnitTests.Portal;

public class PortalAssetsAndHeaders
{
    [Fact]
    public void ThePageLinksEachEmbeddedAssetByItsHashAndNamesTheFileLimit()
    {
        var page = PortalAssets.Page(12_345_678);
        var html = Encoding.UTF8.GetString(page.Content.Span);

        Assert.Equal(("text/html; charset=utf-8", "no-store"), (page.ContentType, page.CacheControl));
        Assert.Contains("data-max-file-bytes=\"12345678\"", html, StringComparison.Ordinal);
        foreach (var name in new[] { "portal.css", "portal.js" })
        {
            var asset = PortalAssets.Find(name)!;
            Assert.Contains($"/api/portal/{name}?v={asset.ETag.Trim('"')}", html, StringComparison.Ordinal);
            Assert.Contains("immutable", asset.CacheControl, StringComparison.Ordinal);
            Assert.True(asset.Content.Length > 1000);
        }

        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePageHasNoInlineScriptNorStyleNorAnyOtherOrigin()
    {
        var html = Encoding.UTF8.GetString(PortalAssets.Page(1024).Content.Span);

        Assert.Equal(1, CountOf(html, "<script"));
        Assert.Contains("<script src=\"/api/portal/portal.js?v=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"<[^>]*\son[a-z]+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheScriptNeverWritesMarkupFromText()
    {
        var script = Encoding.UTF8.GetString(PortalAssets.Find("portal.js")!.Content.Span);

        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("portal.html")]
    [InlineData("../BackOnTrack.Application.dll")]
    [InlineData("PORTAL.JS")]
    [InlineData("")]
    [InlineData(null)]
    public void OnlyTheNamedAssetsAreFound(string? name) => Assert.Null(PortalAssets.Find(name));

    [Fact]
    public void TheHeadersForbidInlineScriptAndFramingAndAllowUploadsToTheBlobEndpointOnly()
    {
        var headers = PortalSecurityHeaders.For(new Uri("https://hubdata.blob.core.windows.net/")).ToDictionary(h => h.Key, h => h.Value);

        var csp = headers["Content-Security-Policy"];
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://hubdata.blob.core.windows.net;", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Equal("DENY", headers["X-Frame-Options"]);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
