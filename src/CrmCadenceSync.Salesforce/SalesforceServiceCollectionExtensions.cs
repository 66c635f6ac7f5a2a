using AutoMapper;
using CrmCadenceSync.Salesforce;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Auth;
using CrmCadenceSync.Salesforce.Budget;
using CrmCadenceSync.Salesforce.ChangeEvents;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Mapping;
using CrmCadenceSync.Salesforce.Resilience;
using CrmCadenceSync.Salesforce.Schema;
using CrmCadenceSync.Salesforce.Sync;
using CrmCadenceSync.Salesforce.Webhooks;
using CrmCadenceSync.Salesforce.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

public static class SalesforceServiceCollectionExtensions
{
    /// <summary>The configuration key AutoMapper's licence key is read from (or the AUTOMAPPER_LICENSE_KEY variable).</summary>
    public const string AutoMapperLicenseKey = "AutoMapper:LicenseKey";

    /// <summary>
    /// Registers the Salesforce connection <paramref name="name"/> bound from <paramref name="section"/>
    /// (<c>Connections:{name}</c>): a keyed <see cref="ICrmConnector"/> (key = name) that also appears in
    /// <c>IEnumerable&lt;ICrmConnector&gt;</c>.
    /// </summary>
    public static IServiceCollection AddSalesforceConnection(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddOptions<SalesforceConnectionOptions>(name).Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SalesforceConnectionOptions>>(new SalesforceConnectionOptionsValidator(name));

        services.AddKeyedSingleton(name, (_, _) => new SalesforceConnectionHealth());
        services.AddKeyedSingleton(name, (sp, _) => new SalesforceApiBudget(
            name,
            Options(sp, name),
            sp.GetRequiredKeyedService<SalesforceConnectionHealth>(name),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SalesforceApiBudget>>()));
        services.AddKeyedSingleton(name, (sp, _) => new SalesforceTokenProvider(
            name,
            Options(sp, name),
            sp.GetRequiredKeyedService<ISalesforceOAuthApi>(name),
            sp.GetRequiredKeyedService<SalesforceConnectionHealth>(name),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SalesforceTokenProvider>>()));

        services.AddKeyedRefitGeneratedClient<ISalesforceOAuthApi>(name, new RefitSettings(), $"salesforce:{name}:oauth")
            .ConfigureHttpClient((sp, client) => client.BaseAddress = Options(sp, name).LoginUrl);

        var rest = services.AddKeyedRefitGeneratedClient<ISalesforceApi>(name, new RefitSettings(), $"salesforce:{name}:rest")
            // Replaced per call by the session's instance_url; the login URL is only a well-formed placeholder.
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = Options(sp, name).InstanceUrl ?? Options(sp, name).LoginUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
            });

        // Outermost first, as for HubSpot: retry, breaker and timeout wrap each attempt, which spends budget and carries a token.
        rest.AddResilienceHandler($"salesforce:{name}", (builder, context) =>
            SalesforceResiliencePipeline.Configure(builder, Options(context.ServiceProvider, name), context.ServiceProvider.GetRequiredService<TimeProvider>()));
        rest.AddHttpMessageHandler(sp => new SalesforceBudgetHandler(
                sp.GetRequiredKeyedService<SalesforceApiBudget>(name), sp.GetRequiredKeyedService<SalesforceConnectionHealth>(name)))
            .AddHttpMessageHandler(sp => new SalesforceAuthHandler(sp.GetRequiredKeyedService<SalesforceTokenProvider>(name)));

        services.AddKeyedSingleton(name, (sp, _) => new SalesforceChangeEventClient(
            name,
            Options(sp, name),
            sp.GetRequiredKeyedService<SalesforceTokenProvider>(name),
            sp.GetRequiredService<ILogger<SalesforceChangeEventClient>>()));

        services.AddKeyedSingleton<ICrmConnector>(name, (sp, _) => CreateConnector(sp, name));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<ICrmConnector>(name));
        services.AddKeyedSingleton<ICrmSchemaCheck>(name, (sp, _) => (SalesforceConnector)sp.GetRequiredKeyedService<ICrmConnector>(name));
        return services;
    }

    private static SalesforceConnector CreateConnector(IServiceProvider sp, string name)
    {
        var options = Options(sp, name);
        var api = new UnwrappingSalesforceApi(sp.GetRequiredKeyedService<ISalesforceApi>(name));
        var time = sp.GetRequiredService<TimeProvider>();
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        var licenseKey = sp.GetService<IConfiguration>()?[AutoMapperLicenseKey];
        var mapper = new MapperConfiguration(
            cfg =>
            {
                if (!string.IsNullOrWhiteSpace(licenseKey))
                {
                    cfg.LicenseKey = licenseKey;
                }

                cfg.AddProfile(new SalesforceContactProfile(name, options.FieldMapping));
            },
            loggers).CreateMapper();

        var availability = new SalesforceFieldAvailability();
        return new SalesforceConnector(
            name,
            options.ApiVersion,
            options.OrganizationId,
            api,
            new SalesforceContactReader(name, options, api, availability, mapper, time, loggers.CreateLogger<SalesforceContactReader>()),
            new SalesforceRecordWriter(name, options, api, loggers.CreateLogger<SalesforceRecordWriter>()),
            sp.GetRequiredKeyedService<SalesforceConnectionHealth>(name),
            sp.GetRequiredKeyedService<SalesforceApiBudget>(name),
            new SalesforceSchemaCheck(name, options, api, availability),
            () => sp.GetRequiredKeyedService<SalesforceTokenProvider>(name).UserId,
            loggers.CreateLogger<SalesforceOutboundMessageParser>());
    }

    private static SalesforceConnectionOptions Options(IServiceProvider sp, string name) =>
        sp.GetRequiredService<IOptionsMonitor<SalesforceConnectionOptions>>().Get(name);
}
