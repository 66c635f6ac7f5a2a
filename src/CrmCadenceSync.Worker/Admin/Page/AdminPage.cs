using System.Reflection;

namespace CrmCadenceSync.Worker.Admin.Page;

/// <summary>
/// <c>GET /</c> and its script and style: one static page embedded in the worker (no front-end build), which talks to
/// the admin API from the browser.
/// </summary>
internal static class AdminPage
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["admin.js"] = "text/javascript; charset=utf-8",
        ["admin.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapAdminPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html"));
        app.MapGet("/admin/{file}", (string file) => Serve(file));
        return app;
    }

    private static IResult Serve(string file)
    {
        if (!Files.TryGetValue(file, out var contentType)
            || Assembly.GetExecutingAssembly().GetManifestResourceStream($"CrmCadenceSync.Worker.Admin.Page.{file}") is not { } stream)
        {
            return Results.NotFound();
        }

        return Results.Stream(stream, contentType);
    }
}
