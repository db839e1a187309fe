using BackOnTrack.Tests.Processes;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// An Azurite of the test's own, for work on a whole account (export and restore, re-keying, retention, poison
/// queues) that must neither see nor touch what other tests keep in the shared one. Needs <c>BACKONTRACK_AZURITE_BIN</c>,
/// which scripts/test.sh exports.
/// </summary>
public static class SecondAzurite
{
    public static FreshAzurite Start() => FreshAzurite.Start(
        Environment.GetEnvironmentVariable("BACKONTRACK_AZURITE_BIN")
        ?? throw new InvalidOperationException("BACKONTRACK_AZURITE_BIN is not set. Run the tests with scripts/test.sh, which sets it."));
}
