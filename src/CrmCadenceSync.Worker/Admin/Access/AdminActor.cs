namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>Who is calling the admin API: the matching API key's name, or "loopback" when no key is needed.</summary>
internal static class AdminActor
{
    public const string Loopback = "loopback";

    private const string ItemKey = "ccs.admin.actor";

    public static void Set(HttpContext context, string actor) => context.Items[ItemKey] = actor;

    public static string Of(HttpContext context) => context.Items[ItemKey] as string ?? Loopback;
}
