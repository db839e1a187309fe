using BackOnTrack.UnitTests.M365;

namespace BackOnTrack.IntegrationTests.M365;

/// <summary>
/// Tests that change the process environment: run by xunit after the parallel ones, one at a time, sharing one
/// <see cref="FakeEntraId"/> (MSAL's managed-identity token cache is process-wide, so its tokens outlive a test).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ManagedIdentityEnvironmentGroup : ICollectionFixture<FakeEntraIdFixture>
{
    public const string Name = "Managed identity environment";
}

/// <summary>One <see cref="FakeEntraId"/> for a test collection.</summary>
public sealed class FakeEntraIdFixture : IAsyncLifetime
{
    public FakeEntraId EntraId { get; private set; } = null!;

    public async Task InitializeAsync() => EntraId = await FakeEntraId.StartAsync();

    public async Task DisposeAsync() => await EntraId.DisposeAsync();
}
