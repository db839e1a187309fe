namespace BackOnTrack.Core.Tabular;

/// <summary>
/// The file cannot be read as a table at all: not a workbook, a corrupt workbook, binary data, a quoted CSV field that
/// never ends. The message is written for the school's report and never quotes the file's content. Thrown when the
/// reader meets the problem, which for a file that breaks part-way through can be while rows are being enumerated.
/// </summary>
public sealed class UnreadableFileException : Exception
{
    public UnreadableFileException()
    {
    }

    public UnreadableFileException(string message)
        : base(message)
    {
    }

    public UnreadableFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
