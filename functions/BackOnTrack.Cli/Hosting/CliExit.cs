using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Runtime.InteropServices;
using Azure;
using BackOnTrack.M365;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.Hosting;

/// <summary>The exit codes every verb uses (README, "The operator's tool and its verbs").</summary>
public static class ExitCodes
{
    /// <summary>The verb did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The verb ran and failed or refused: storage or a service did not answer, a file did not load, a drop cannot be reprocessed.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or bad settings: nothing was done; fix the command line or the settings and run it again.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C or SIGTERM stopped the verb (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}

/// <summary>Settings the hub cannot run with, found when a verb opens the hub and before it touches storage.</summary>
public sealed class HubSettingsException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public HubSettingsException()
        : this("The hub's settings are not usable.")
    {
    }

    public HubSettingsException(string message)
        : this(message, null)
    {
    }
}

/// <summary>An argument a verb's own checks refuse (a malformed LAESTAB, UPN, queue name): reported as one line, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
        : this("The arguments are not usable.")
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Runs the command line as an operator expects: a mistyped argument or a failure becomes one line on stderr, naming
/// the verb, with an exit code from <see cref="ExitCodes"/>; never a stack trace (nothing in it is something an
/// operator can change). <c>--help</c> works on every verb, as the parser gives it.
/// </summary>
public static class CliInvocation
{
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = root.Parse(args);
        var verb = VerbOf(parsed.CommandResult);
        if (parsed.Action is ParseErrorAction)
        {
            var reasons = string.Join(" ", parsed.Errors.Select(e => OneLine(e.Message)).Distinct(StringComparer.Ordinal));
            await error.WriteLineAsync(Prefixed(verb, $"{reasons} ({(verb.Length == 0 ? "" : verb + " ")}--help shows the usage.)")).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Termination is handled by StopOnSignals (the caller's token), not by the parser's own handler.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (code, line) = Describe(ex);
            await error.WriteLineAsync(Prefixed(verb, line)).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>
    /// Ctrl+C (SIGINT) or SIGTERM cancels the returned token, so the verb stops at its next await and says so in one
    /// line; a second signal ends the process at once, for a verb that does not stop.
    /// </summary>
    public static IDisposable StopOnSignals(out CancellationToken stopping)
    {
        var stop = new CancellationTokenSource();
        stopping = stop.Token;
        void OnSignal(PosixSignalContext context)
        {
            if (!stop.IsCancellationRequested)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        }

        return new Registrations(stop, PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    private sealed class Registrations(CancellationTokenSource stop, params IDisposable[] signals) : IDisposable
    {
        public void Dispose()
        {
            foreach (var signal in signals)
            {
                signal.Dispose();
            }

            stop.Dispose();
        }
    }

    /// <summary>The exit code and the one line an exception is reported as.</summary>
    public static (int Code, string Line) Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var ex = Unwrap(exception);
        return ex switch
        {
            HubSettingsException or UsageException => (ExitCodes.Usage, OneLine(ex.Message)),
            OptionsValidationException invalid => (ExitCodes.Usage, "bad settings: " + OneLine(string.Join(" ", invalid.Failures))),
            AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
                (ExitCodes.Usage, "bad settings: " + OneLine(string.Join(" ", many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)))),
            OperationCanceledException => (ExitCodes.Cancelled, "stopped (Ctrl+C or SIGTERM) before it finished."),
            RequestFailedException failed => (ExitCodes.Failed, StorageLine(failed)),
            M365ServiceException or HttpRequestException or IOException or UnauthorizedAccessException or TimeoutException or System.Net.Sockets.SocketException
                => (ExitCodes.Failed, OneLine(ex.Message)),
            // Anything else is a fault in the tool: its type is what a developer needs to find it.
            _ => (ExitCodes.Failed, $"{ex.GetType().Name}: {OneLine(ex.Message)}"),
        };
    }

    /// <summary>The verb's words as typed (<c>drops list</c>), empty for the root command.</summary>
    private static string VerbOf(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new List<string>();
        for (var current = result; current is { Parent: not null }; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string Prefixed(string verb, string line) => verb.Length == 0 ? line : $"{verb}: {line}";

    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException { InnerExceptions.Count: 1 } one:
                    ex = one.InnerExceptions[0];
                    continue;
                // The SDK's retry gives up with every try's failure: the last one says why.
                case AggregateException many when many.InnerExceptions.Count > 1 && many.InnerExceptions.All(e => e is RequestFailedException):
                    ex = many.InnerExceptions[^1];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    continue;
                // No answer at all: the SDK wraps the transport's failure, which is reported as it was before the SDK.
                case RequestFailedException { Status: 0, InnerException: { } transport }:
                    ex = transport;
                    continue;
                default:
                    return ex;
            }
        }
    }

    // Azure's message carries the response's headers and body on the lines after the first.
    private static string StorageLine(RequestFailedException ex)
    {
        var what = OneLine(ex.Message);
        var status = ex.Status == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"status {ex.Status}");
        var code = string.IsNullOrEmpty(ex.ErrorCode) ? "" : ex.ErrorCode;
        var detail = string.Join(", ", new[] { status, code }.Where(s => s.Length > 0 && !what.Contains(s, StringComparison.Ordinal)));
        return "storage: " + what + (detail.Length == 0 ? "" : $" ({detail})");
    }

    /// <summary>The first non-empty line, trimmed.</summary>
    internal static string OneLine(string text) =>
        text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
