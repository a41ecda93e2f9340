using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Newsletter.Data;

/// <summary>
/// The one place where the CLR types of our rows meet the types each database hands back. SQLite returns every
/// <c>INTEGER</c> as <see cref="long"/> and keeps dates and times as text; PostgreSQL returns <c>BIGINT</c> as
/// <see cref="long"/>, <c>BOOLEAN</c> as <see cref="bool"/> and may return real date and time types. With these
/// handlers a row type (record, class or tuple) declares the natural type — <see cref="int"/>, <see cref="bool"/>,
/// <see cref="DateOnly"/>, <see cref="DateTime"/> — and reads the same on both databases.
/// </summary>
public static class DatabaseTypes
{
    private static int registered;

    /// <summary>Registers the handlers with Dapper, once per process; must run before the first query (Dapper caches per query).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        // Timestamps: written as our fixed-width text, so the type map for DateTime must go for the handler to write it.
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.RemoveTypeMap(typeof(DateTime?));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.AddTypeHandler(new DateOnlyHandler());

        // Integers and booleans are only read through these handlers: their type maps stay, so parameters are
        // written as before (Int32, Boolean), by us and by Hangfire's own Dapper queries in this process alike.
        SqlMapper.AddTypeHandler(new Int32Handler());
        SqlMapper.AddTypeHandler(new BooleanHandler());
    }

    /// <summary>A 64-bit (or any integral) column read into an <see cref="int"/>, checked: a value out of range throws.</summary>
    private sealed class Int32Handler : SqlMapper.TypeHandler<int>
    {
        public override void SetValue(IDbDataParameter parameter, int value)
        {
            parameter.DbType = DbType.Int32;
            parameter.Value = value;
        }

        public override int Parse(object value) => value switch
        {
            int number => number,
            long number => checked((int)number),
            string text => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>SQLite's 0/1 integers and PostgreSQL's booleans alike.</summary>
    private sealed class BooleanHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Boolean;
            parameter.Value = value;
        }

        public override bool Parse(object value) => value switch
        {
            bool flag => flag,
            long number => number != 0,
            int number => number != 0,
            _ => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Local dates as <c>yyyy-MM-dd</c> text (a text column on both databases), or a real date column.</summary>
    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public const string Format = "yyyy-MM-dd";

        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.Value = value.ToString(Format, CultureInfo.InvariantCulture);
            if (parameter is NpgsqlParameter postgres)
            {
                postgres.NpgsqlDbType = NpgsqlDbType.Unknown; // takes the type of where it goes, as timestamps do
            }
            else
            {
                parameter.DbType = DbType.String;
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text, Format, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
        };
    }
}
