using System.Security.Cryptography;

namespace Newsletter.Subscriptions;

/// <summary>
/// The secret behind every link token: 256 random bits in <c>{DataDirectory}/keys/token-signing.key</c>,
/// created on first start. It lives outside the database, so a copy of the database alone cannot mint or
/// check a token. Instances that share a database must share this file.
/// </summary>
public sealed class TokenSigningKey
{
    public const string FileName = "token-signing.key";

    public TokenSigningKey(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The token signing key needs at least 256 bits.", nameof(key));
        }

        Key = key;
    }

    internal byte[] Key { get; }

    /// <summary>Reads the key in <paramref name="directory"/>, creating it (atomically, mode 0600) when absent.</summary>
    public static TokenSigningKey LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var temp = Path.Combine(directory, $"{FileName}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp); // another process created it first; use theirs
            }
        }

        return new TokenSigningKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
