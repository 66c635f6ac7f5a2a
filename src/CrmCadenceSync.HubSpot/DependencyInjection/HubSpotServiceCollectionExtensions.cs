using AutoMapper;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Auth;
using CrmCadenceSync.HubSpot.Budget;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.HubSpot.Mapping;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmCadenceSync.HubSpot;
using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.HubSpot.Schema;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

public static class HubSpotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HubSpot connection <paramref name="name"/> bound from <paramref name="section"/>
    /// (<c>Connections:{name}</c>): a keyed <see cref="ICrmConnector"/> (key = name), also listed in
    /// <c>IEnumerable&lt;ICrmConnector&gt;</c>, with its own rate budget, token source and resilience pipeline.
    /// The AutoMapper licence key is read from <c>AutoMapper:LicenseKey</c>. A connection with <c>Enabled=false</c> registers nothing.
    /// </summary>
    public static IServiceCollection AddHubSpotConnection(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);

        if (!section.GetValue(nameof(HubSpotConnectionOptions.Enabled), true))
        {
            return services;
        }

        services.AddOptions<HubSpotConnectionOptions>(name).Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubSpotConnectionOptions>, HubSpotConnectionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        HubSpotConnectionOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<HubSpotConnectionOptions>>().Get(name);

        services.AddKeyedSingleton(name, (sp, _) => new HubSpotConnectionMonitor(
            name,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HubSpotConnectionMonitor>>()));
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var o = Options(sp);
            return new HubSpotRateBudget(
                o.RequestsPer10Seconds,
                o.SearchRequestsPerSecond,
                o.DailyRequestLimit,
                TimeZoneInfo.FindSystemTimeZoneById(o.PortalTimeZone),
                sp.GetRequiredKeyedService<HubSpotConnectionMonitor>(name),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddKeyedSingleton(name, (sp, _) => new HubSpotTokenSource(
            name,
            sp.GetRequiredService<IOptionsMonitor<HubSpotConnectionOptions>>(),
            sp.GetRequiredKeyedService<IHubSpotOAuthApi>(name),
            sp.GetRequiredKeyedService<HubSpotConnectionMonitor>(name),
            sp.GetRequiredService<TimeProvider>()));

        var refit = new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(HubSpotJson.Options) };
        services.AddKeyedRefitGeneratedClient<IHubSpotOAuthApi>(name, refit, $"hubspot-oauth:{name}")
            .ConfigureHttpClient((sp, client) => client.BaseAddress = Options(sp).BaseUrl);
        var crm = services.AddKeyedRefitGeneratedClient<IHubSpotCrmApi>(name, refit, $"hubspot:{name}")
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = Options(sp).BaseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
            });

        // Outermost first: retry, breaker and timeout wrap each attempt, which spends budget and carries a token.
        crm.AddResilienceHandler($"hubspot:{name}", (builder, context) =>
            HubSpotResiliencePipeline.Configure(builder, Options(context.ServiceProvider), context.ServiceProvider.GetRequiredService<TimeProvider>()));
        crm.AddHttpMessageHandler(sp => new HubSpotBudgetHandler(sp.GetRequiredKeyedService<HubSpotRateBudget>(name)))
            .AddHttpMessageHandler(sp => new HubSpotAuthHandler(sp.GetRequiredKeyedService<HubSpotTokenSource>(name)));

        services.AddKeyedSingleton<IMapper>(name, (sp, _) =>
        {
            var licenseKey = sp.GetService<IConfiguration>()?["AutoMapper:LicenseKey"];
            var expression = new MapperConfigurationExpression();
            if (!string.IsNullOrWhiteSpace(licenseKey))
            {
                // Given only when set, as for Salesforce: unset, AutoMapper reads AUTOMAPPER_LICENSE_KEY itself.
                expression.LicenseKey = licenseKey;
            }

            expression.AddProfile(new HubSpotContactProfile(name, Options(sp).FieldMapping));
            return new MapperConfiguration(expression, sp.GetRequiredService<ILoggerFactory>()).CreateMapper();
        });
        services.AddKeyedSingleton(name, (sp, _) => new HubSpotConnector(
            name,
            sp.GetRequiredKeyedService<IHubSpotCrmApi>(name),
            sp.GetRequiredKeyedService<IMapper>(name),
            sp.GetRequiredService<IOptionsMonitor<HubSpotConnectionOptions>>(),
            sp.GetRequiredKeyedService<HubSpotConnectionMonitor>(name),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredKeyedService<HubSpotPropertyAvailability>(name)));
        services.AddKeyedSingleton(name, (_, _) => new HubSpotPropertyAvailability());
        services.AddKeyedSingleton<ICrmSchemaCheck>(name, (sp, _) => new HubSpotSchemaCheck(
            name,
            sp.GetRequiredKeyedService<IHubSpotCrmApi>(name),
            sp.GetRequiredKeyedService<IHubSpotOAuthApi>(name),
            () => Options(sp),
            sp.GetRequiredKeyedService<HubSpotTokenSource>(name).GetTokenAsync,
            sp.GetRequiredKeyedService<HubSpotPropertyAvailability>(name)));
        services.AddKeyedSingleton<ICrmConnector>(name, (sp, _) => sp.GetRequiredKeyedService<HubSpotConnector>(name));
        services.AddSingleton<ICrmConnector>(sp => sp.GetRequiredKeyedService<HubSpotConnector>(name));
        return services;
    }
}
