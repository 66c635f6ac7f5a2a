namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server: CI starts one (.ci/run) and names it in CCS_TEST_POSTGRES. Without it,
/// the test is reported as skipped with the reason, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "CCS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to a PostgreSQL connection string (bash .ci/run starts a server and sets it).";
        }
    }
}
