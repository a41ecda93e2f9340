using System.Data.Common;

namespace Newsletter.Data;

/// <summary>
/// For bulk writes: one command, prepared once and executed per row with new parameter values, which is several
/// times faster than a fresh command per row.
/// </summary>
public static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
