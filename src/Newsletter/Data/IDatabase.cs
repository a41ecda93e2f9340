using System.Data.Common;

namespace Newsletter.Data;

/// <summary>
/// Opens connections to the application database. Each unit of work opens one (pooled) connection,
/// uses it, and disposes it; connections are never shared between threads.
/// </summary>
public interface IDatabase
{
    /// <summary>Opens a pooled connection configured for this database (timeouts, pragmas).</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Which SQL this database speaks where SQLite and PostgreSQL differ.</summary>
    SqlDialect Dialect { get; }
}
