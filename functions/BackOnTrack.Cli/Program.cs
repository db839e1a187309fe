using BackOnTrack.Cli.Hosting;

// A mistyped argument or a failure is one line on stderr and an exit code (README, "The operator's tool and its verbs").
using var signals = CliInvocation.StopOnSignals(out var stopping);
return await CliInvocation.RunAsync(HubCommandLine.Build(), args, Console.Out, Console.Error, stopping).ConfigureAwait(false);
