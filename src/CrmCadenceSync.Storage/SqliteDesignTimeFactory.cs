using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmCadenceSync.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without a running host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCadenceDbContext>
{
    public SqliteCadenceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCadenceDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
