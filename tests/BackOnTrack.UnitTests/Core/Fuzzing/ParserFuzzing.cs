using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tabular;
using BackOnTrack.UnitTests.Core.Support;
using Xunit.Abstractions;

namespace BackOnTrack.UnitTests.Core.Fuzzing;

/// <summary>
/// Seeded random mutation of small valid files through every parser the hub has, for a bounded time. The only
/// assertion: each input ends in a result or the parser's typed, reported rejection (<see cref="UnreadableFileException"/>
/// where the parser documents it), never another exception, and within <see cref="PerInput"/>.
/// </summary>
/// <remarks>
/// In the test suite each parser gets a share of <c>BACKONTRACK_FUZZ_SECONDS</c> (default 4 s in all) from seed
/// <c>BACKONTRACK_FUZZ_SEED</c> (default fixed, so the suite is repeatable). A failure names the seed and iteration
/// and saves the input to a temporary file; the same seed replays the same inputs in the same order.
/// <c>scripts/fuzz.sh [seconds] [seed]</c> runs longer.
/// </remarks>
public class ParserFuzzing(ITestOutputHelper output)
{
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    private static readonly string Pupil = TestDrops.UpnFor(1);

    public static TheoryData<string> Parsers() => [.. Targets.Keys];

    private static readonly Dictionary<string, Target> Targets = new()
    {
        ["CSV reader"] = new(CsvFixtures(), IsPackage: false, bytes => _ = TabularFile.Open(new MemoryStream(bytes), "fuzz.csv").Rows.ToList(), UnreadableAllowed: true),
        ["XLSX reader"] = new(XlsxFixtures(), IsPackage: true, bytes => _ = TabularFile.Open(new MemoryStream(bytes), "fuzz.xlsx").Rows.ToList(), UnreadableAllowed: true),
        ["DropReader, CSV of each kind"] = new(DropCsvFixtures(), IsPackage: false, bytes => ReadDrop(bytes, "drop.csv"), UnreadableAllowed: false),
        ["DropReader, XLSX"] = new(DropXlsxFixtures(), IsPackage: true, bytes => ReadDrop(bytes, "drop.xlsx"), UnreadableAllowed: false),
        ["Plan and owners readers"] = new(PlanFixtures(), IsPackage: false, ReadPlanFile, UnreadableAllowed: false),
        ["Plan readers, XLSX"] = new([PlanFixture("semh-action-plan.xlsx")], IsPackage: true, ReadPlanFile, UnreadableAllowed: false),
        ["DfE benchmarks reader"] = new(BenchmarkFixtures(), IsPackage: false, bytes => _ = BenchmarkReader.Read(new MemoryStream(bytes), "fuzz.csv"), UnreadableAllowed: false),
    };

    [Theory]
    [MemberData(nameof(Parsers))]
    public void EndsEveryMutatedInputInAResultOrATypedRejection(string parser)
    {
        var seed = Setting("BACKONTRACK_FUZZ_SEED", 20251110);
        var budget = TimeSpan.FromSeconds(Setting("BACKONTRACK_FUZZ_SECONDS", 4) / (double)Targets.Count);
        var target = Targets[parser];
        var parserIndex = Targets.Keys.ToList().IndexOf(parser);

        // The unmutated fixtures read cleanly; reading them first also keeps start-up costs out of the budget.
        Assert.All(target.Fixtures, fixture => Assert.Null(Run(target, fixture)));
        var clock = Stopwatch.StartNew();
        var iteration = 0;
        for (; clock.Elapsed < budget; iteration++)
        {
            var random = new Random(unchecked((((seed * 31) + parserIndex) * 1_000_003) + iteration));
            var mutator = new Mutator(random);
            var fixture = target.Fixtures[random.Next(target.Fixtures.Count)];
            var input = mutator.Mutate(fixture, target.IsPackage);
            var failure = Run(target, input);
            if (failure is not null)
            {
                var saved = Path.Combine(Path.GetTempPath(), $"backontrack-fuzz-{seed}-{parserIndex}-{iteration}.bin");
                File.WriteAllBytes(saved, input);
                Assert.Fail(
                    $"{parser}: {failure} on iteration {iteration} of seed {seed} (replay: BACKONTRACK_FUZZ_SEED={seed} scripts/fuzz.sh; input saved to {saved}). " +
                    $"Mutations: {string.Join("; ", mutator.Steps)}");
            }
        }

        output.WriteLine($"{parser}: {iteration} mutated inputs in {clock.Elapsed.TotalSeconds:0.0} s, seed {seed}");
        Assert.True(iteration > 0);
    }

    private static string? Run(Target target, byte[] input)
    {
        var parsing = Task.Run(() => target.Parse(input));
        try
        {
            if (!parsing.Wait(PerInput))
            {
                return $"no answer within {PerInput.TotalSeconds} s";
            }

            return null;
        }
        catch (AggregateException ex) when (ex.InnerException is UnreadableFileException && target.UnreadableAllowed)
        {
            return null;
        }
        catch (AggregateException ex)
        {
            return $"{ex.InnerException!.GetType().Name} ({ex.InnerException.Message}) at {ex.InnerException.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }
    }

    // DropReader answers an unreadable file with a rejection; only a file that breaks below the header throws, as documented.
    private static void ReadDrop(byte[] bytes, string fileName)
    {
        using var drop = DropReader.Read(new MemoryStream(bytes), fileName, TestDrops.ForSchool());
        try
        {
            foreach (var outcome in drop.Outcomes)
            {
                _ = outcome.IsAccepted;
            }
        }
        catch (UnreadableFileException)
        {
        }
    }

    // As the plans import reads a file: detect, then read as an action plan or owners file. Opening and detecting may
    // throw the typed rejection (the import reports it); the readers answer with a rejection.
    private static void ReadPlanFile(byte[] bytes)
    {
        var name = bytes.AsSpan().StartsWith("PK"u8) ? "plan.xlsx" : "plan.csv";
        IEnumerable<TabularRow> Rows() => TabularFile.Open(new MemoryStream(bytes), name).Rows;
        try
        {
            _ = PlanFileDetector.Detect(Rows());
        }
        catch (UnreadableFileException)
        {
            return;
        }

        var owners = OwnersFile.Read(Rows());
        _ = ActionPlanReader.Read(Rows(), owners.Rejection is null ? owners.Resolver() : new OwnerResolver([]));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static List<byte[]> DropCsvFixtures() =>
    [
        Utf8($"UPN,NCYear,Category,StartDate,Sessions,Days,Reason1,Reason2,Reason3,LAESTAB,Status\n{Pupil},Y9,FIXD,03/11/2025,4,,PD,VA,,3724001,\n{TestDrops.UpnFor(2)},7,PERM,2025-10-01,,,BU,,,,\n"),
        Utf8($"UPN,NCYear,Date,Session,Mark\n{Pupil},Y8,03/11/2025,AM,/\n{Pupil},Y8,03/11/2025,PM,N\n"),
        Utf8($"UPN,NC Year,Surname,Mon 03/11/2025 AM,Mon 03/11/2025 PM,2025-11-04 (AM),04/11/2025 PM\n{Pupil},8,Smith,/,\\,L,#\n"),
        Utf8($"UPN,NCYear,PeriodStart,PeriodEnd,PossibleSessions,Present,AEA,AuthorisedAbsence,UnauthorisedAbsence\n{Pupil},Y10,01/09/2025,31/10/2025,76,70,0,4,2\n"),
        Utf8("LAESTAB,URN,SchoolName,Phase,AcademicYear,Headcount\n3724001,106900,Oakfield Academy,Secondary,2025-26,1100\n"),
        Utf8($"UPN,LAESTAB,Cohort,StartDate\n{Pupil},3724001,MHST wave 1,01/09/2025\n"),
    ];

    private static List<byte[]> CsvFixtures() => [.. DropCsvFixtures(), Utf8("a,\"b, with comma\",\"c \"\"quoted\"\"\"\r\n\"multi\nline\",2,3\r\n")];

    private static List<byte[]> DropXlsxFixtures() =>
    [
        new XlsxBuilder().Sheet("Exclusions",
            ["UPN", "NCYear", "Category", "StartDate", "Sessions", "Reason1"],
            [Pupil, "Y9", "FIXD", new DateOnly(2025, 11, 3), 2, "PD"],
            [TestDrops.UpnFor(2), 7, "FIXD", new XlsxBuilder.CustomDate(45964), new XlsxBuilder.Formula("1+1", "2"), "VA"]).Build(),
        new XlsxBuilder { InlineStrings = true }.Sheet("Register",
            ["Register 03/11/2025 - 04/11/2025"],
            ["UPN", "Year", "03/11/2025 AM", "03/11/2025 PM"],
            [Pupil, "Y8", "/", "M"]).Build(),
    ];

    private static List<byte[]> XlsxFixtures() => [.. DropXlsxFixtures(), new XlsxBuilder { Date1904 = true }.Sheet("S", [true, 2.5, new DateOnly(2025, 1, 1)]).Build()];

    private static byte[] PlanFixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Core", "Plans", "Fixtures", name));

    private static List<byte[]> PlanFixtures() => [PlanFixture("semh-action-plan.csv"), PlanFixture("semh-owners.csv")];

    private static List<byte[]> BenchmarkFixtures() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Benchmarks"), "*.csv").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    private sealed record Target(List<byte[]> Fixtures, bool IsPackage, Action<byte[]> Parse, bool UnreadableAllowed);
}
