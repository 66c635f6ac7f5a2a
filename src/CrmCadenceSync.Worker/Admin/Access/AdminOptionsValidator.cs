using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// Refuses to start when the admin API would be reachable beyond loopback (or a key is required) with no key to
/// protect it, and refuses keys too short to resist guessing.
/// </summary>
internal sealed class AdminOptionsValidator(IConfiguration configuration) : IValidateOptions<AdminOptions>
{
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        var keys = options.ApiKeys.Where(k => !string.IsNullOrEmpty(k.Value)).ToList();
        if (keys.Count == 0 && (options.RequireApiKey || !ListeningAddresses.LoopbackOnly(configuration)))
        {
            var why = options.RequireApiKey
                ? $"{AdminOptions.SectionName}:RequireApiKey is true"
                : $"the worker listens beyond loopback ({string.Join(", ", ListeningAddresses.Of(configuration))})";
            failures.Add($"{AdminOptions.SectionName}:ApiKeys: {why}, so the admin API and page need an API key; set one as "
                + $"{AdminOptions.SectionName}:ApiKeys:<name> (environment: {AdminOptions.SectionName}__ApiKeys__<name>), or listen on 127.0.0.1 only.");
        }

        failures.AddRange(keys.Where(k => k.Value.Length < MinimumKeyLength)
            .Select(k => $"{AdminOptions.SectionName}:ApiKeys:{k.Key} is shorter than {MinimumKeyLength} characters; use a long random secret."));
        foreach (var (keyName, role) in options.Roles)
        {
            if (!Enum.TryParse<ApiRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(role, out _))
            {
                failures.Add($"{AdminOptions.SectionName}:Roles:{keyName} is '{role}'; use viewer, operator or admin.");
            }
            else if (!options.ApiKeys.ContainsKey(keyName))
            {
                failures.Add($"{AdminOptions.SectionName}:Roles:{keyName} names no key; add {AdminOptions.SectionName}:ApiKeys:{keyName} or remove the role.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
