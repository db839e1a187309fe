using Azure.Data.Tables;

namespace BackOnTrack.Storage;

/// <summary>Query filters the stores share, built with the SDK's <see cref="TableClient.CreateQueryFilter(FormattableString)"/> (every value a quoted literal).</summary>
public static class TableQueries
{
    /// <summary>Every row of one partition whose RowKey starts with <paramref name="prefix"/> (a range on sortable strings).</summary>
    public static string PartitionAndRowKeyPrefix(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix + '\uffff'}");
}
