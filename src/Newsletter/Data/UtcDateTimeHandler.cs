using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Newsletter.Data;

/// <summary>
/// Stores every timestamp as fixed-width ISO 8601 UTC text (<c>2026-11-25T06:00:00.0000000Z</c>), so that
/// text comparison in SQL is time comparison, and reads it back as <see cref="DateTimeKind.Utc"/>. Registered by
/// <see cref="DatabaseTypes"/>.
/// </summary>
public sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(Format, CultureInfo.InvariantCulture);

    public override void SetValue(IDbDataParameter parameter, DateTime value)
    {
        parameter.Value = ToText(value);
        if (parameter is NpgsqlParameter postgres)
        {
            // Dapper's type handlers are process-wide, and Hangfire.PostgreSql, in the same process, keeps its
            // times in timestamptz columns. Sent untyped, the text takes the type of where it goes: text in
            // ours, timestamptz in Hangfire's.
            postgres.NpgsqlDbType = NpgsqlDbType.Unknown;
        }
        else
        {
            parameter.DbType = DbType.String;
        }
    }

    public override DateTime Parse(object value) => value switch
    {
        DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp."),
    };
}
