namespace CrmCadenceSync.Worker.Processing;

/// <summary>Shows a running count on one console line while a long read goes on.</summary>
internal sealed class ConsoleProgress(TextWriter output, string label) : IProgress<int>
{
    private int last;

    public void Report(int value)
    {
        last = value;
        output.Write($"\r{label}: {value} contacts");
    }

    public void Done() => output.WriteLine($"\r{label}: {last} contacts");
}
