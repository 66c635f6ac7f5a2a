namespace CrmCadenceSync.Worker.Tests;

/// <summary>A cancellation token for host calls in tests (xunit v2 has no per-test token).</summary>
internal static class TestContext
{
    public static CancellationToken None => CancellationToken.None;
}
