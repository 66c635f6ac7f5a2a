using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Storage.Options;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Storage.Hosting;

public static class StorageExtensions
{
    /// <summary>
    /// The store (SQLite by default, PostgreSQL by <c>Storage:Provider</c>), migrated at start-up, and the claims that share
    /// its due work between instances. EF interceptors registered as <see cref="IInterceptor"/> services apply to every context.
    /// </summary>
    public static IHostApplicationBuilder AddCadenceStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var contentRoot = builder.Environment.ContentRootPath;

        if (options.Provider == StorageProvider.Postgres)
        {
            builder.Services.AddDbContext<CadenceDbContext, PostgresCadenceDbContext>(
                (sp, o) => o.UseNpgsql(options.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            var connectionString = SqliteUnder(contentRoot, options.ConnectionString);
            builder.Services.AddDbContext<CadenceDbContext, SqliteCadenceDbContext>(
                (sp, o) => o.UseSqlite(connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }

        builder.Services.AddScoped<InboxWriter>();
        builder.Services.AddScoped<WorkClaims>();
        builder.Services.AddScoped<SharedRequestPace>();
        builder.Services.AddHostedService<StorageMigrator>();
        return builder;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    private static string SqliteUnder(string contentRoot, string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(contentRoot, sqlite.DataSource);
        }

        if (Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return sqlite.ToString();
    }
}
