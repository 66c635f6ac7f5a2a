namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Shows a running count on one line while a long read goes on; when the output is a file or a pipe, only the
/// final count, so logs stay readable.
/// </summary>
internal sealed class ConsoleProgress(TextWriter output, string label, bool interactive) : IProgress<int>
{
    private int last;

    public void Report(int value)
    {
        last = value;
        if (interactive)
        {
            output.Write($"\r{label}: {value} contacts");
        }
    }

    public void Done() => output.WriteLine(interactive ? $"\r{label}: {last} contacts" : $"{label}: {last} contacts");
}
