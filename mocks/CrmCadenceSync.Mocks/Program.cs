using System.Globalization;
using CrmCadenceSync.Mocks.HubSpot;

// Starts the HubSpot sandbox alone for manual exploration: dotnet run --project mocks/CrmCadenceSync.Mocks [contacts] [seed]
if (!TryArgument(0, 500, out var contacts) || !TryArgument(1, 42, out var seed))
{
    Console.Error.WriteLine($"Usage: dotnet run --project mocks/CrmCadenceSync.Mocks [contacts] [seed]; got '{string.Join(' ', args)}', both must be whole numbers.");
    return 2;
}

var options = new HubSpotSandboxOptions { Contacts = contacts, Seed = seed };
using var sandbox = HubSpotSandbox.Start(options);
Console.WriteLine($"HubSpot sandbox: {sandbox.Url} (Authorization: Bearer {options.AccessToken}; {contacts} contacts, seed {seed})");
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

return 0;

bool TryArgument(int index, int fallback, out int value)
{
    value = fallback;
    return args.Length <= index || (int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0);
}
