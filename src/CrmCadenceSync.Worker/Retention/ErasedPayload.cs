namespace CrmCadenceSync.Worker.Retention;

/// <summary>What stands in a payload column once its personal content is erased (the column is required; nothing reads it back).</summary>
public static class ErasedPayload
{
    public const string Json = "{\"erased\":true}";

    public const string Text = "[erased]";
}
