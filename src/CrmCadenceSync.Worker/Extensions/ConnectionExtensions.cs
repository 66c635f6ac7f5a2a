using CrmCadenceSync.Worker.Connections;

namespace CrmCadenceSync.Worker.Extensions;

public static class ConnectionExtensions
{
    /// <summary>Registers each enabled connection under <c>Connections</c> with its CRM's connector.</summary>
    public static IHostApplicationBuilder AddCrmConnections(this IHostApplicationBuilder builder)
    {
        foreach (var connection in ConfiguredConnection.Enabled(builder.Configuration))
        {
            switch (connection.Kind)
            {
                case "HubSpot":
                    builder.Services.AddHubSpotConnection(connection.Name, connection.Section);
                    break;
                case "Salesforce":
                    builder.Services.AddSalesforceConnection(connection.Name, connection.Section);
                    break;
                default:
                    throw new InvalidOperationException(UnknownKind(connection));
            }
        }

        return builder;
    }

    internal static string UnknownKind(ConfiguredConnection connection) =>
        $"Connections:{connection.Name}:Kind must be HubSpot or Salesforce (it is '{connection.Kind}').";
}
