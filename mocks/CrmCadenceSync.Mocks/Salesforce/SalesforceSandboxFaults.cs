namespace CrmCadenceSync.Mocks.Salesforce;

/// <summary>Faults to inject: the next REST calls answer an error (status and Salesforce error code) before doing anything.</summary>
public sealed class SalesforceSandboxFaults
{
    private readonly Lock gate = new();
    private int failNext;
    private int failStatus = 503;
    private string failCode = "SERVER_UNAVAILABLE";

    /// <summary>The next <paramref name="count"/> REST calls fail with <paramref name="status"/> and <paramref name="errorCode"/>.</summary>
    public void FailNext(int count, int status = 503, string errorCode = "SERVER_UNAVAILABLE")
    {
        lock (gate)
        {
            (failNext, failStatus, failCode) = (count, status, errorCode);
        }
    }

    internal (int Status, string Code)? TakeFailure()
    {
        lock (gate)
        {
            if (failNext <= 0)
            {
                return null;
            }

            failNext--;
            return (failStatus, failCode);
        }
    }
}
