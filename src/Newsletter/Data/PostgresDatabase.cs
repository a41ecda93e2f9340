using System.Data.Common;
using Npgsql;

namespace Newsletter.Data;

/// <summary>
/// PostgreSQL, shared by every instance of the application: a pooled data source from
/// <c>ConnectionStrings:Newsletter</c>. Transactions are READ COMMITTED; statements that must not race across
/// instances say so themselves (<c>FOR UPDATE SKIP LOCKED</c>, <c>ON CONFLICT</c>, advisory locks).
/// </summary>
public sealed class PostgresDatabase : IDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresDatabase(string connectionString)
    {
        DatabaseTypes.Register();
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public SqlDialect Dialect => SqlDialect.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
