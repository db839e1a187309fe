namespace BackOnTrack.Application.Prompts;

/// <summary>What a prompt run has done so far (filled in as notifications go, so a stopped run still reports them).</summary>
public sealed class PromptTally
{
    public int Sent { get; set; }
    public int Outboxed { get; set; }
    public int AlreadySent { get; set; }
    public int AppsInstalled { get; set; }
    public List<UnreachedOwner> Unreached { get; } = [];
}
