namespace CrmCadenceSync.Worker.Licensing;

/// <summary>
/// Lets a notice through once. The process-wide gate makes the missing-licence warning appear once per process, not in
/// every host a process builds (a test run builds hundreds).
/// </summary>
public sealed class LicenceNoticeGate
{
    private int passed;

    public static LicenceNoticeGate Process { get; } = new();

    /// <summary>True the first time only.</summary>
    public bool TryPass() => Interlocked.Exchange(ref passed, 1) == 0;
}
