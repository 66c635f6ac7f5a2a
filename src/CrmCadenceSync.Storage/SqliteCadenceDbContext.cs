using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmCadenceSync.Storage;

public sealed class SqliteCadenceDbContext(DbContextOptions<SqliteCadenceDbContext> options) : CadenceDbContext(options)
{
    protected override string OpenEnrollmentFilter => "\"IsOpen\" = 1";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks compare and sort correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
