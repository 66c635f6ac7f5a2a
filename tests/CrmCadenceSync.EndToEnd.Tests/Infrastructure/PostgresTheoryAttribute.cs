namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>A theory that needs a PostgreSQL server; skipped with the reason without one (see <see cref="PostgresFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)))
        {
            Skip = $"Set {PostgresFactAttribute.Variable} to a PostgreSQL connection string (bash .ci/run starts a server and sets it).";
        }
    }
}
