using BackOnTrack.Functions.Hosting;

return await HubCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
