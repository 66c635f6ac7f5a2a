namespace CrmCadenceSync.Mocks.Salesforce.Soql;

/// <summary>A query the sandbox cannot run; answered as Salesforce would (MALFORMED_QUERY or INVALID_FIELD).</summary>
internal sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
