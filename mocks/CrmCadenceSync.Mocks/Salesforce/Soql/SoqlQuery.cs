using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Soql;

/// <summary>A parsed query: <c>SELECT fields FROM object [WHERE …] [ORDER BY …] [LIMIT n]</c>.</summary>
internal sealed record SoqlQuery(
    IReadOnlyList<string> Fields,
    string From,
    Func<SandboxRecord, bool> Where,
    IReadOnlyList<(string Field, bool Descending)> OrderBy,
    int? Limit,
    IReadOnlyList<string> ReferencedFields);
