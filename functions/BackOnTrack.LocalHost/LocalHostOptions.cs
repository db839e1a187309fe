using System.ComponentModel.DataAnnotations;

namespace BackOnTrack.LocalHost;

/// <summary>Settings of the local host (section <c>LocalHost</c>): where the HTTP triggers listen.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>The port HTTP triggers answer on at 127.0.0.1 (Core Tools' default); 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 7071;
}
