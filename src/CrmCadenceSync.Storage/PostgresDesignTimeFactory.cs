using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmCadenceSync.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a database.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCadenceDbContext>
{
    public PostgresCadenceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCadenceDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options);
}
