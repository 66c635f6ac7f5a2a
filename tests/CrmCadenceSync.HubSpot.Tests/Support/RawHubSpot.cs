using System.Net.Http.Headers;
using System.Text;
using CrmCadenceSync.Mocks.HubSpot;

namespace CrmCadenceSync.HubSpot.Tests.Support;

/// <summary>Plain HTTP calls to the sandbox, to check its HubSpot behaviour without the connector in between.</summary>
internal sealed class RawHubSpot(HubSpotSandbox sandbox) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = sandbox.Url };

    public async Task<(int Status, string Body, HttpResponseHeaders Headers)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Options.AccessToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public void Dispose() => http.Dispose();
}
