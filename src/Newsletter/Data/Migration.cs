namespace Newsletter.Data;

/// <summary>One numbered, append-only SQL file from <c>migrations/{dialect}/NNNN_description.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>Loads every migration of a dialect (e.g. <c>sqlite</c>) embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded(string dialect)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"migrations/{dialect}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var separator = fileName.IndexOf('_');
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }
}
