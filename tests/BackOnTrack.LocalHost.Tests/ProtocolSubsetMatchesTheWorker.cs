using Google.Protobuf.Reflection;

namespace BackOnTrack.LocalHost.Tests;

/// <summary>
/// The host's .proto subset against the full descriptor the worker's own gRPC assembly embeds: a worker upgrade that
/// renumbers, renames or retypes a field the host uses fails here rather than at run time.
/// </summary>
public sealed class ProtocolSubsetMatchesTheWorker
{
    private static FileDescriptor WorkersDescriptor()
    {
        var reflection = System.Reflection.Assembly.Load("Microsoft.Azure.Functions.Worker.Grpc");
        var type = reflection.GetTypes().Single(t => t.Name == "FunctionRpcReflection");
        return (FileDescriptor)type.GetProperty("Descriptor")!.GetValue(null)!;
    }

    private static FileDescriptor Ours() => BackOnTrack.LocalHost.Rpc.FunctionRpcReflection.Descriptor;

    /// <summary>Our messages, NullableTypes.proto's included (google's well-known types are not ours to check).</summary>
    private static IEnumerable<MessageDescriptor> OursWithImports() =>
        AllMessages(Ours().MessageTypes.Concat(Ours().Dependencies.Where(d => !d.Name.StartsWith("google/", StringComparison.Ordinal)).SelectMany(d => d.MessageTypes)));

    [Fact]
    public void Both_are_the_package_the_worker_calls()
    {
        Assert.Equal("AzureFunctionsRpcMessages", WorkersDescriptor().Package);
        Assert.Equal(WorkersDescriptor().Package, Ours().Package);
    }

    [Fact]
    public void The_event_stream_method_is_the_worker_s()
    {
        var theirs = WorkersDescriptor().Services.Single(s => s.Name == "FunctionRpc").FindMethodByName("EventStream");
        var ours = Ours().Services.Single(s => s.Name == "FunctionRpc").FindMethodByName("EventStream");

        Assert.Equal((theirs.InputType.FullName, theirs.OutputType.FullName, theirs.IsClientStreaming, theirs.IsServerStreaming),
            (ours.InputType.FullName, ours.OutputType.FullName, ours.IsClientStreaming, ours.IsServerStreaming));
    }

    public static TheoryData<string> OurMessages()
    {
        var data = new TheoryData<string>();
        foreach (var message in OursWithImports())
        {
            data.Add(message.FullName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OurMessages))]
    public void Every_field_of_the_message_has_the_worker_s_name_number_and_type(string messageName)
    {
        var ours = Message(Ours(), messageName)!;
        var theirs = Message(WorkersDescriptor(), messageName);
        Assert.True(theirs is not null, $"The worker has no message {messageName}.");

        foreach (var field in ours.Fields.InDeclarationOrder())
        {
            var match = theirs.FindFieldByName(field.Name);
            Assert.True(match is not null, $"{messageName}.{field.Name} is not a field of the worker's {messageName}.");
            Assert.Equal(Describe(match), Describe(field));
        }

        foreach (var ourEnum in ours.EnumTypes)
        {
            var theirEnum = theirs.EnumTypes.Single(e => e.Name == ourEnum.Name);
            foreach (var value in ourEnum.Values)
            {
                Assert.Equal(theirEnum.FindValueByName(value.Name)?.Number, value.Number);
            }
        }
    }

    [Fact]
    public void The_subset_is_not_empty_and_names_the_fields_the_host_depends_on()
    {
        var invocation = Message(Ours(), "AzureFunctionsRpcMessages.InvocationRequest")!;

        Assert.Equal(5, invocation.FindFieldByName("trace_context").FieldNumber);
        Assert.True(OursWithImports().Count() >= 20);
    }

    /// <summary>What must agree: number, wire type, the message or enum it carries, repetition, and the oneof it sits in.</summary>
    private static string Describe(FieldDescriptor field) =>
        $"{field.Name}={field.FieldNumber} {field.FieldType} {Carried(field)}" +
        $"{(field.IsRepeated ? " repeated" : "")}{(field.IsMap ? " map" : "")}{(field.RealContainingOneof is { } oneof ? " oneof " + oneof.Name : "")}";

    // A map's entry type is generated per field; what must agree is its key and value.
    private static string Carried(FieldDescriptor field) =>
        field.IsMap
            ? $"map<{Describe(field.MessageType.FindFieldByNumber(1))}, {Describe(field.MessageType.FindFieldByNumber(2))}>"
            : field.FieldType == FieldType.Message ? field.MessageType.FullName : field.FieldType == FieldType.Enum ? field.EnumType.FullName : "";

    // The worker splits its protocol over several files (NullableString lives in one of its own): its imports count.
    private static MessageDescriptor? Message(FileDescriptor file, string fullName) =>
        AllMessages(file.MessageTypes).FirstOrDefault(m => m.FullName == fullName)
        ?? file.Dependencies.Select(d => Message(d, fullName)).FirstOrDefault(m => m is not null);

    private static IEnumerable<MessageDescriptor> AllMessages(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => new[] { m }.Concat(AllMessages(m.NestedTypes.Where(n => !n.GetOptions()?.MapEntry ?? true))));
}
