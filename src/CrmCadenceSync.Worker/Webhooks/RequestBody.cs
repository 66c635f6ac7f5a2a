namespace CrmCadenceSync.Worker.Webhooks;

internal static class RequestBody
{
    /// <summary>The raw bytes (signatures cover them exactly), or null when the body is over the limit.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
