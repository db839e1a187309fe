using System.CommandLine;
using Azure;
using BackOnTrack.Cli.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BackOnTrack.UnitTests.Cli;

/// <summary>
/// The operator's tool as an operator meets it, through the real parser and the real verbs: <c>--help</c> everywhere,
/// and every kind of failure one line on stderr (no stack frame) with its exit code. No storage is needed: bad
/// settings are refused before storage is touched, and "storage does not answer" is a port nothing listens on.
/// </summary>
public sealed class CommandLineHabits
{
    private const string Key = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";

    // Port 1 on loopback: refused at once, so a verb that reaches storage fails fast.
    private const string Unreachable =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1";

    private static Action<HostApplicationBuilder> Settings(params (string Name, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Unreachable,
            ["Hub:PseudonymisationKey"] = Key,
            ["Storage:MaxRetries"] = "0",
        };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return builder => builder.Configuration.AddInMemoryCollection(values);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, Action<HostApplicationBuilder>? settings = null, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliInvocation.RunAsync(HubCommandLine.Build(settings ?? Settings()), args, output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static string OneLine(string error)
    {
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return lines[0];
    }

    public static TheoryData<string> EveryVerb()
    {
        var verbs = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            verbs.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(HubCommandLine.Build(), "");
        return verbs;
    }

    [Theory]
    [MemberData(nameof(EveryVerb))]
    public async Task EveryVerbAnswersHelpWithItsUsageAndExitCodeZero(string verb)
    {
        var (code, output, error) = await RunAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal((ExitCodes.Ok, ""), (code, error));
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains($" {verb}".TrimEnd(), output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTreeHoldsTheOperationsVerbs()
    {
        // So the help theory above cannot pass on an empty tree.
        Assert.Superset(
            new HashSet<string> { "", "local", "conformance", "rekey", "export", "restore", "drops list", "pupil erase", "poison replay", "schools issue-key", "board-pack", "returns" },
            EveryVerb().Cast<object[]>().Select(row => (string)row[0]).ToHashSet());
    }

    [Theory]
    [InlineData("drops list", "drops list: Option '--school' is required.")]
    [InlineData("returns --term XYZ", "returns: --term takes AUT, SPR or SUM, not 'XYZ'.")]
    [InlineData("board-pack --month 2026-13", "board-pack: --month takes a month as yyyy-MM (e.g. 2026-12), not '2026-13'.")]
    [InlineData("drops lst", "drops: ")]
    [InlineData("no-such-verb", "Unrecognized command or argument 'no-such-verb'.")]
    public async Task AMistypedCommandLineIsOneLineNamingTheVerbWithExitCodeTwo(string args, string expected)
    {
        var (code, output, error) = await RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        var line = OneLine(error);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("--help shows the usage.)", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pupil key F372402119009", "pupil key: ")]
    [InlineData("pupil erase 123 --reason ticket-1", "pupil erase: That is neither a valid UPN nor a pupilKey (32 hex characters).")]
    [InlineData("drops list --school 12345", "drops list: '12345' is not a school's LAESTAB (7 digits), LA, plans or benchmarks.")]
    [InlineData("schools issue-key 12", "schools issue-key: ")]
    public async Task AnArgumentTheVerbRefusesIsOneLineOnStderrWithExitCodeTwo(string args, string expected)
    {
        var (code, output, error) = await RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        var line = OneLine(error);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        // A UPN typed is personal data: the line never repeats it.
        Assert.DoesNotContain("F372402119009", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "", "drops list: bad settings: AzureWebJobsStorage: No storage configured")]
    [InlineData("AzureWebJobsStorage", "not a connection string", "drops list: bad settings: AzureWebJobsStorage: The storage connection string is not usable")]
    [InlineData("Hub:PseudonymisationKey", "", "drops list: bad settings: Hub:PseudonymisationKey must be base64 of at least 32 bytes.")]
    [InlineData("Hub:PseudonymisationKey", "c2hvcnQ=", "drops list: bad settings: Hub:PseudonymisationKey must be base64 of at least 32 bytes.")]
    [InlineData("Storage:MaxRetries", "99", "drops list: bad settings: Storage:MaxRetries must be between 0 and 10.")]
    public async Task BadSettingsAreOneLineNamingTheSettingWithExitCodeTwoBeforeStorageIsTouched(string setting, string value, string expected)
    {
        var (code, output, error) = await RunAsync(["drops", "list", "--school", "3759876"], Settings((setting, value)));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.StartsWith(expected, OneLine(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rekey", "rekey")]
    [InlineData("export", "export")]
    [InlineData("restore --from 20250731T000000Z", "restore")]
    [InlineData("poison replay", "poison replay")]
    [InlineData("returns", "returns")]
    [InlineData("schools issue-key 3759876", "schools issue-key")]
    [InlineData("board-pack", "board-pack")]
    [InlineData("drops withdraw 3759876 0123456789abcdef", "drops withdraw")]
    public async Task EveryVerbThatOpensTheHubRefusesAMalformedKeyTheSameWay(string args, string verb)
    {
        var (code, _, error) = await RunAsync(args.Split(' '), Settings(("Hub:PseudonymisationKey", "not base64!")));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"{verb}: bad settings: Hub:PseudonymisationKey must be base64 of at least 32 bytes.", OneLine(error));
    }

    [Fact]
    public async Task ConformanceOnAFolderOfFilesRefusesBadSettingsInOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("backontrack-conformance-");
        try
        {
            var (code, _, error) = await RunAsync(["conformance", folder.FullName], Settings(("AzureWebJobsStorage", "")));

            Assert.Equal(ExitCodes.Usage, code);
            Assert.StartsWith("conformance: bad settings: AzureWebJobsStorage: No storage configured", OneLine(error), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StorageThatDoesNotAnswerIsOneLineWithExitCodeOne()
    {
        var (code, output, error) = await RunAsync(["export"]);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Empty(output);
        Assert.Equal("export: Connection refused (127.0.0.1:1)", OneLine(error));
    }

    [Fact]
    public async Task AVerbStoppedByCtrlCIsOneLineWithExitCode130()
    {
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        var (code, _, error) = await RunAsync(["drops", "list", "--school", "3759876"], cancellationToken: stopped.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal("drops list: stopped (Ctrl+C or SIGTERM) before it finished.", OneLine(error));
    }

    [Fact]
    public void AStorageErrorIsItsFirstLineWithStatusAndCodeNotItsHeadersAndBody()
    {
        var failed = new RequestFailedException(403, "This request is not authorized to perform this operation.\nRequestId:1\nTime:now\n\nHeaders:\nServer: Azurite", "AuthorizationFailure", null);

        Assert.Equal(
            (ExitCodes.Failed, "storage: This request is not authorized to perform this operation. (status 403, AuthorizationFailure)"),
            CliInvocation.Describe(failed));
    }

    [Fact]
    public void StorageRetriesThatAllGotNoAnswerAreTheLastTrysFailureInOneLine()
    {
        // What the SDK throws when storage is down: every try's RequestFailedException (status 0) in one AggregateException.
        var tries = Enumerable.Range(0, 6).Select(_ => new RequestFailedException(0, "Connection refused (127.0.0.1:10000)", new HttpRequestException("Connection refused (127.0.0.1:10000)")));
        var gaveUp = new AggregateException("Retry failed after 6 tries. Retry settings can be adjusted in ClientOptions.Retry.", tries);

        Assert.Equal((ExitCodes.Failed, "Connection refused (127.0.0.1:10000)"), CliInvocation.Describe(gaveUp));
    }

    [Fact]
    public void SeveralFailedValidationsAreOneLineWithExitCodeTwo()
    {
        var many = new AggregateException(
            new OptionsValidationException("Hub", typeof(object), ["Hub:PseudonymisationKey must be base64 of at least 32 bytes."]),
            new OptionsValidationException("Ingest", typeof(object), ["Ingest:MaxRows must be positive."]));

        Assert.Equal(
            (ExitCodes.Usage, "bad settings: Hub:PseudonymisationKey must be base64 of at least 32 bytes. Ingest:MaxRows must be positive."),
            CliInvocation.Describe(many));
    }

    [Fact]
    public void AFaultInTheToolIsOneLineNamingTheExceptionType()
    {
        Assert.Equal((ExitCodes.Failed, "KeyNotFoundException: The given key 'x' was not present."), CliInvocation.Describe(new KeyNotFoundException("The given key 'x' was not present.\nmore")));
    }
}
