using System.ComponentModel.DataAnnotations;

namespace BackOnTrack.Application.Configuration;

/// <summary>Settings of local runs, where the hub plays the Functions host itself (section <c>LocalHost</c>).</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    [Range(0, 65535)]
    public int Port { get; set; } = 7071;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PassInterval { get; set; } = TimeSpan.FromMinutes(5);
}
