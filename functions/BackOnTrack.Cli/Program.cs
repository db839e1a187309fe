using BackOnTrack.Cli.Hosting;

return await HubCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
