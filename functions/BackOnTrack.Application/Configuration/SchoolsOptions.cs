using System.ComponentModel.DataAnnotations;

namespace BackOnTrack.Application.Configuration;

/// <summary>What schools may do through the HTTP functions (section <c>Schools</c>).</summary>
public sealed class SchoolsOptions
{
    public const string SectionName = "Schools";

    /// <summary>Minutes an upload URL stays valid: long enough to send a large file, short enough that a leaked one is soon useless.</summary>
    [Range(1, 60)]
    public int UploadUrlMinutes { get; set; } = 15;
}
