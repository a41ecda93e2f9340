using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Newsletter.Data;

namespace Newsletter.Matching;

/// <summary>
/// The other ways to say a keyword: for an acronym, the expansions papers gave it ("MoE" → "mixture of
/// experts"); for an expansion, its acronym; plus the configured synonyms, both ways.
/// </summary>
public sealed class SynonymBook(IOptions<MatchingOptions> options)
{
    /// <summary>For each keyword's word key, the alternative phrases (as word keys) that match it too.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> AlternativesAsync(
        DbConnection connection, IEnumerable<KeywordQuery> keywords, DbTransaction? transaction = null)
    {
        var phrases = keywords.Where(k => k.IsSearchable).Select(k => string.Join(' ', k.Words)).Distinct().ToList();
        var alternatives = phrases.ToDictionary(p => p, _ => new HashSet<string>());
        if (phrases.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        var singles = phrases.Where(p => !p.Contains(' ')).Select(AcronymDefinitions.Singular).ToArray();
        var multis = phrases.Where(p => p.Contains(' ')).Select(AcronymDefinitions.Singular).ToArray();
        var learned = await connection.QueryAsync<(string Acronym, string Expansion)>(
            $"SELECT acronym, expansion FROM acronyms WHERE acronym IN ({connection.Dialect().Texts("@singles")}) OR expansion IN ({connection.Dialect().Texts("@multis")})",
            new { singles = JsonSerializer.Serialize(singles), multis = JsonSerializer.Serialize(multis) }, transaction);
        var pairs = learned.Concat(Configured()).ToList();

        foreach (var phrase in phrases)
        {
            var singular = AcronymDefinitions.Singular(phrase);
            foreach (var (acronym, expansion) in pairs)
            {
                if (acronym == singular || acronym == phrase)
                {
                    alternatives[phrase].Add(expansion);
                }
                else if (expansion == singular || expansion == phrase)
                {
                    alternatives[phrase].Add(acronym);
                }
            }

            alternatives[phrase].Remove(phrase);
        }

        return alternatives.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value.Order(StringComparer.Ordinal).ToList());
    }

    private IEnumerable<(string Acronym, string Expansion)> Configured() =>
        options.Value.Synonyms.SelectMany(entry => entry.Value.Select(value =>
            (AcronymDefinitions.Singular(SearchText.Key(entry.Key)), AcronymDefinitions.Singular(SearchText.Key(value)))))
            .Where(pair => pair.Item1.Length > 0 && pair.Item2.Length > 0);
}
