using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;

// Starts the HubSpot sandbox alone for manual exploration: dotnet run --project mocks/CrmCadenceSync.Mocks [contacts] [seed]
var options = new HubSpotSandboxOptions
{
    Contacts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500,
    Seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42,
};
using var sandbox = HubSpotSandbox.Start(options);
Console.WriteLine($"HubSpot sandbox: {sandbox.Url} (Authorization: Bearer {options.AccessToken}; {options.Contacts} contacts, seed {options.Seed})");
Console.WriteLine($"Try: curl -H 'Authorization: Bearer {options.AccessToken}' '{sandbox.Url}crm/objects/2026-03/contacts?limit=5&properties=hubspotscore,hs_timezone'");
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
