using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;

// Starts both sandboxes alone for manual exploration: dotnet run --project mocks/CrmCadenceSync.Mocks [contacts] [seed]
if (!TryArgument(0, 500, out var contacts) || !TryArgument(1, 42, out var seed))
{
    Console.Error.WriteLine($"Usage: dotnet run --project mocks/CrmCadenceSync.Mocks [contacts] [seed]; got '{string.Join(' ', args)}', both must be whole numbers.");
    return 2;
}

var options = new HubSpotSandboxOptions { Contacts = contacts, Seed = seed };
using var sandbox = HubSpotSandbox.Start(options);
Console.WriteLine($"HubSpot sandbox: {sandbox.Url} (Authorization: Bearer {options.AccessToken}; {contacts} contacts, seed {seed})");
Console.WriteLine($"Try: curl -H 'Authorization: Bearer {options.AccessToken}' '{sandbox.Url}crm/objects/2026-03/contacts?limit=5&properties=hubspotscore,hs_timezone'");

var leads = contacts * 3 / 5;
using var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Seed = seed, Leads = leads, Contacts = contacts - leads });
var org = salesforce.Org.Options;
Console.WriteLine($"Salesforce sandbox: {salesforce.Url} (org {org.OrganizationId}; client credentials {org.ClientId} / {org.ClientSecret}; {leads} leads, {contacts - leads} contacts)");
Console.WriteLine($"Try: curl -d 'grant_type=client_credentials&client_id={org.ClientId}&client_secret={org.ClientSecret}' '{salesforce.Url}services/oauth2/token'");
Console.WriteLine("Press Ctrl+C to stop.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopped.");
}

return 0;

bool TryArgument(int index, int fallback, out int value)
{
    value = fallback;
    return args.Length <= index || (int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0);
}
