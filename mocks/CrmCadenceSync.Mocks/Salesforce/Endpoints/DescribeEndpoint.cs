using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>
/// <c>GET sobjects/{type}/describe</c> from the org's real schema: the fields the integration user can see, each with
/// its type and whether it may be set on create and on update; an unknown object answers 404 NOT_FOUND.
/// </summary>
internal sealed class DescribeEndpoint(SalesforceOrgState org)
{
    public SandboxResponse Handle(string sObjectType)
    {
        if (!SalesforceOrgState.IsKnownType(sObjectType))
        {
            return SandboxResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var type = KnownName(sObjectType);
        var fields = org.SchemaOf(type).Select(name =>
        {
            var writable = org.IsWritable(type, name);
            var createOnly = type == SalesforceOrgState.Task && name == "TaskSubtype";
            return (JsonNode)new JsonObject
            {
                ["name"] = name,
                ["label"] = name,
                ["type"] = SalesforceSchema.TypeOf(name),
                ["custom"] = name.EndsWith("__c", StringComparison.OrdinalIgnoreCase),
                ["createable"] = writable,
                ["updateable"] = writable && !createOnly,
                ["externalId"] = type == SalesforceOrgState.Task && string.Equals(name, org.Options.SyncKeyField, StringComparison.OrdinalIgnoreCase),
                ["nillable"] = name != "Id",
            };
        });
        return SandboxResponse.Json(200, new JsonObject
        {
            ["name"] = type,
            ["label"] = type,
            ["queryable"] = true,
            ["createable"] = type != SalesforceOrgState.User,
            ["updateable"] = type != SalesforceOrgState.User,
            ["fields"] = new JsonArray([.. fields]),
        });
    }

    private static string KnownName(string sObjectType) =>
        new[] { SalesforceOrgState.Lead, SalesforceOrgState.Contact, SalesforceOrgState.Task, SalesforceOrgState.User }
            .First(t => string.Equals(t, sObjectType, StringComparison.OrdinalIgnoreCase));
}
