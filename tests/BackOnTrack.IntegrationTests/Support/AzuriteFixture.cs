using BackOnTrack.Tests.Storage;
using BackOnTrack.Storage;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// The real Azurite the test command started (connection string in <c>BACKONTRACK_TEST_STORAGE</c>). Tests share it
/// and stay apart by using names of their own.
/// </summary>
public sealed class AzuriteFixture
{
    public const string ConnectionVariable = "BACKONTRACK_TEST_STORAGE";

    public AzuriteFixture()
    {
        ConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable)
            ?? throw new InvalidOperationException(
                $"{ConnectionVariable} is not set. Run the tests with scripts/test.sh, which installs and starts Azurite.");
        Access = StorageAccess.FromConnectionString(ConnectionString);
        Storage = TestStorage.For(Access);
    }

    public string ConnectionString { get; }

    public StorageAccess Access { get; }

    /// <summary>The account through the SDK's clients.</summary>
    public TestStorage Storage { get; }


    private static int _lastSchool = Random.Shared.Next(0, 5000);

    /// <summary>
    /// A school (LAESTAB) no other test in this run uses, so tests sharing the hub's fixed tables stay apart. LA code 375
    /// is kept for these; the sample dataset uses 372.
    /// </summary>
    public static string UniqueSchool() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"375{Interlocked.Increment(ref _lastSchool) % 10000:D4}");

    /// <summary>A name no other test uses: lowercase letters and digits, valid for containers, queues and tables.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..12];
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
