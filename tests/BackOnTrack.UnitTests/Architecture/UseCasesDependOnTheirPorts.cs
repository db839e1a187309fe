using System.Reflection;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.UnitTests.Architecture;

/// <summary>
/// The dependency rule, checked on the compiled code: Core names no storage type at all, and no use case takes, holds or
/// returns one; only the composition (Hosting) wires the Storage project's adapters to the ports.
/// </summary>
public sealed class UseCasesDependOnTheirPorts
{
    private static readonly string[] StorageAssemblies = ["Azure.Data.Tables", "Azure.Storage.Blobs", "Azure.Storage.Queues", "Azure.Storage.Common", "BackOnTrack.Storage"];

    [Fact]
    public void CoreReferencesNeitherTheAzureSdkNorTheStorageProject()
    {
        var references = typeof(IDropRows).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Azure.", StringComparison.Ordinal) || r == "BackOnTrack.Storage");
    }

    [Fact]
    public void NoUseCaseTakesHoldsOrReturnsAStorageType()
    {
        var useCases = typeof(IngestDropUseCase).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && !ns.StartsWith("BackOnTrack.Application.Hosting", StringComparison.Ordinal))
            .Where(t => !t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal));

        var offences = useCases.SelectMany(StorageTypesNamedBy).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(offences.Count == 0, "Storage types outside the composition:\n" + string.Join('\n', offences));
    }

    private static IEnumerable<string> StorageTypesNamedBy(Type type)
    {
        const BindingFlags Everything = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var named = type.GetFields(Everything).Select(f => (What: f.Name, f.FieldType))
            .Concat(type.GetConstructors(Everything).SelectMany(c => c.GetParameters()).Select(p => (What: "ctor " + p.Name, p.ParameterType)))
            .Concat(type.GetMethods(Everything).SelectMany(m => m.GetParameters().Select(p => (What: m.Name + " " + p.Name, p.ParameterType)).Append((What: m.Name + " returns", m.ReturnType))))
            .Concat(type.GetProperties(Everything).Select(p => (What: p.Name, p.PropertyType)));
        return named.Where(n => Mentions(n.Item2)).Select(n => $"{type.FullName}.{n.What}: {n.Item2.Name}");
    }

    private static bool Mentions(Type type) =>
        StorageAssemblies.Contains(type.Assembly.GetName().Name)
        || (type.IsGenericType && type.GetGenericArguments().Any(Mentions))
        || (type.HasElementType && Mentions(type.GetElementType()!));
}
