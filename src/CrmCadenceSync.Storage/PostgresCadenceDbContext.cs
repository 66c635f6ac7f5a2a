using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmCadenceSync.Storage;

public sealed class PostgresCadenceDbContext(DbContextOptions<PostgresCadenceDbContext> options) : CadenceDbContext(options)
{
    protected override string OpenEnrollmentFilter => "\"IsOpen\"";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz accepts only UTC values from Npgsql; times reach storage in whatever offset they were computed in.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);
}
