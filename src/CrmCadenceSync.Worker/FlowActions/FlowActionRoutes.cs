namespace CrmCadenceSync.Worker.FlowActions;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3.0 description of the routes tagged <see cref="Tag"/>, which a Salesforce
/// admin imports as an External Service (Flow actions without Apex). The description is a hand-kept file in
/// Salesforce's supported subset (JSON, an operationId per operation, no <c>not</c>, no response headers); tests keep
/// it and the routes in step.
/// </summary>
public static class FlowActionRoutes
{
    public const string Tag = "flow-actions";

    public const string DocumentPath = "/api/openapi.json";

    private const string Resource = "CrmCadenceSync.Worker.FlowActions.openapi.json";

    public static IEndpointRouteBuilder MapFlowActions(this IEndpointRouteBuilder app)
    {
        var document = Read();
        app.MapGet(DocumentPath, () => Results.Text(document, "application/json"));
        ContactCadenceEndpoints.MapContactCadenceActions(app);
        return app;
    }

    private static string Read()
    {
        using var stream = typeof(FlowActionRoutes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
