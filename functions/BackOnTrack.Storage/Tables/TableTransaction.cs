using Azure;

namespace BackOnTrack.Storage.Tables;

/// <summary>What one operation of an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; the transaction fails with 409 EntityAlreadyExists if the entity exists.</summary>
    Add,

    /// <summary>Insert or replace the whole entity.</summary>
    UpsertReplace,

    /// <summary>Insert or merge properties into the entity.</summary>
    UpsertMerge,

    /// <summary>Replace an existing entity whose ETag matches (or any, with <see cref="ETag.All"/>).</summary>
    UpdateReplace,

    /// <summary>Merge into an existing entity whose ETag matches.</summary>
    UpdateMerge,

    /// <summary>Delete an existing entity whose ETag matches.</summary>
    Delete,
}

/// <summary>One operation of an entity-group transaction.</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag? IfMatch = null)
{
    public static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);
    public static TableTransactionAction UpsertReplace(TableEntity entity) => new(TableTransactionActionType.UpsertReplace, entity);
    public static TableTransactionAction UpsertMerge(TableEntity entity) => new(TableTransactionActionType.UpsertMerge, entity);
    public static TableTransactionAction Delete(string partitionKey, string rowKey, ETag? ifMatch = null) =>
        new(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch ?? ETag.All);
}

/// <summary>A transaction the service rejected: nothing in it was applied.</summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex, TableTransactionAction? failedAction)
        : base(status, message, errorCode, null)
    {
        FailedIndex = failedIndex;
        FailedAction = failedAction;
    }

    /// <summary>0-based position of the operation the service named as failing, when it named one.</summary>
    public int? FailedIndex { get; }

    public TableTransactionAction? FailedAction { get; }
}
