using System.Net;
using System.Text;

namespace BackOnTrack.LocalHost.Tests;

/// <summary>One host serving the test worker for the whole class: queues polled, timers scheduled, HTTP on a free port.</summary>
public sealed class ServingHost : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    internal TestWorker Worker { get; } = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LocalFunctionsHost.StartAsync(Worker.App, Worker.Storage, TimeProvider.System, new LocalHostOptions { Port = 0 }, serveHttp: true, Worker.Loggers,
            CancellationToken.None);
        _running = Host.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await Host.DisposeAsync();
        Worker.Dispose();
        _stop.Dispose();
    }
}

public sealed class ServingHostOnAzurite(ServingHost serving) : IClassFixture<ServingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TestWorker _worker = serving.Worker;

    [Fact]
    public async Task A_message_is_delivered_to_the_worker_its_output_sent_and_it_is_deleted()
    {
        await _worker.SendAsync("work", "hello");

        var done = await Eventually.WaitForAsync(() => _worker.TakeAllAsync("done"), d => d.Count > 0, Patience);

        Assert.Equal(["hello|1"], done);
        var left = (await _worker.Queue("work").GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_delivered_max_dequeue_count_times_then_moved_to_poison()
    {
        var failedBefore = serving.Host.Report.For("Work").Failed;
        await _worker.SendAsync("work", "fail");

        var poisoned = await Eventually.WaitForAsync(() => _worker.TakeAllAsync("work-poison"), p => p.Count > 0, Patience);

        Assert.Equal(["fail"], poisoned);
        Assert.Equal(3, serving.Host.Report.For("Work").Failed - failedBefore);
        Assert.Contains(_worker.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("This message always fails", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HTTP_functions_answer_through_the_proxy_with_the_worker_s_status_headers_and_body()
    {
        using var client = new HttpClient { BaseAddress = serving.Host.HttpAddress };

        using var greet = new HttpRequestMessage(HttpMethod.Get, "api/greet/ann");
        greet.Headers.Add("X-School-Key", "secret");
        using var greeted = await client.SendAsync(greet);
        using var refused = await client.GetAsync(new Uri("api/greet/ann", UriKind.Relative));
        using var echoed = await client.PostAsync(new Uri("api/echo", UriKind.Relative), new StringContent("quiet please", Encoding.UTF8, "text/plain"));
        using var missing = await client.GetAsync(new Uri("api/nowhere", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, greeted.StatusCode);
        Assert.Equal("hello ann", await greeted.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", greeted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, echoed.StatusCode);
        Assert.Equal("QUIET PLEASE", await echoed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
