using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>GET/POST /crm/properties/{v}/{type} and POST …/groups; creating what exists answers 409.</summary>
internal static class PropertyEndpoints
{
    private static readonly string[] RequiredFields = ["name", "label", "type", "fieldType", "groupName"];

    public static ResponseMessage List(HubSpotPortal portal, string objectType)
    {
        lock (portal.Gate)
        {
            return SandboxJson.Json(200, new { results = portal.PropertiesOf(objectType).Values.ToList() });
        }
    }

    public static ResponseMessage Get(HubSpotPortal portal, string objectType, string name)
    {
        lock (portal.Gate)
        {
            return portal.PropertiesOf(objectType).TryGetValue(name, out var property)
                ? SandboxJson.Json(200, property)
                : SandboxJson.Error(404, "OBJECT_NOT_FOUND", $"Unable to find property {name} for object type {objectType}.");
        }
    }

    public static ResponseMessage Create(HubSpotPortal portal, string objectType, IRequestMessage request)
    {
        if (SandboxRequest.Body(request) is not JsonObject body)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Invalid input JSON.");
        }

        string? Field(string name) => body[name]?.ToString();
        var missing = RequiredFields.Where(f => string.IsNullOrWhiteSpace(Field(f))).ToList();
        if (missing.Count > 0)
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", $"Missing required fields: {string.Join(", ", missing)}.");
        }

        lock (portal.Gate)
        {
            var properties = portal.PropertiesOf(objectType);
            if (properties.ContainsKey(Field("name")!))
            {
                return SandboxJson.Error(409, "OBJECT_ALREADY_EXISTS", $"Property named '{Field("name")}' already exists.");
            }

            if (!portal.GroupsOf(objectType).Contains(Field("groupName")!))
            {
                return SandboxJson.Error(400, "VALIDATION_ERROR", $"Property group '{Field("groupName")}' does not exist for {objectType}.");
            }

            var property = new HubSpotPropertyRecord(
                Field("name")!,
                Field("label")!,
                Field("type")!,
                Field("fieldType")!,
                Field("groupName")!,
                body["hasUniqueValue"]?.GetValue<bool>() == true
                    && (portal.EnforcesUniqueness || HubSpotPropertyCatalog.AssociationTypeToContact(objectType) < 0));
            properties[property.Name] = property;
            return SandboxJson.Json(201, property);
        }
    }

    public static ResponseMessage CreateGroup(HubSpotPortal portal, string objectType, IRequestMessage request)
    {
        var name = SandboxRequest.Body(request)?["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
        {
            return SandboxJson.Error(400, "VALIDATION_ERROR", "Missing required field: name.");
        }

        lock (portal.Gate)
        {
            return portal.GroupsOf(objectType).Add(name)
                ? SandboxJson.Json(201, new { name, label = SandboxRequest.Body(request)?["label"]?.ToString() ?? name })
                : SandboxJson.Error(409, "OBJECT_ALREADY_EXISTS", $"A property group named '{name}' already exists.");
        }
    }
}
