using BackOnTrack.Functions.Hosting;

// The Functions host starts the handler with host.json's arguments and the port it assigned in the environment.
var port = HandlerApp.HostAssignedPort() ?? HandlerApp.LocalPortFromSettings();
await using var app = HandlerApp.Build(port, TimeProvider.System);
await app.RunAsync().ConfigureAwait(false);
