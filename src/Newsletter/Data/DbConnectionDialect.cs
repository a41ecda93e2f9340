using System.Data.Common;

namespace Newsletter.Data;

public static class DbConnectionDialect
{
    /// <summary>The SQL dialect of this connection's database.</summary>
    public static SqlDialect Dialect(this DbConnection connection) => SqlDialect.Of(connection);
}
