using System.Diagnostics;
using System.Reflection;
using BackOnTrack.ContractTests.Support;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>
/// The Bicep CLI itself, from the NuGet package the test project downloads (<c>Azure.Bicep.CommandLine.linux-x64</c>):
/// what infra/ compiles to is what Azure Resource Manager is given, so the infra tests read that, not the Bicep text.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        /// <summary>Diagnostics are printed one per line as <c>file(line,col) : Warning|Error code: message</c>.</summary>
        public IReadOnlyList<string> Diagnostics =>
            [.. (Output + "\n" + Errors).Split('\n').Where(l => l.Contains(" : Warning ", StringComparison.Ordinal) || l.Contains(" : Error ", StringComparison.Ordinal))];
    }

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = Path.Combine(Repository.Root, "infra"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        return new Result(process.ExitCode, output.Result, errors.Result);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value
                   ?? throw new InvalidOperationException("The test assembly does not name the Bicep CLI.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {path}: restore the contract tests project (it downloads Azure.Bicep.CommandLine.linux-x64).", path);
        }

        // NuGet extracts package files without the executable bit.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
