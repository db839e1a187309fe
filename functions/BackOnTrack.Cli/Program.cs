using System.CommandLine.Invocation;
using BackOnTrack.Cli.Hosting;

var parsed = HubCommandLine.Build().Parse(args);
if (parsed.Action is ParseErrorAction error)
{
    // A mistyped argument gets its one-line reason, not the whole help page after it (--help shows that).
    error.ShowHelp = false;
}

return await parsed.InvokeAsync().ConfigureAwait(false);
