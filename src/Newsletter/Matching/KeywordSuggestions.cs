using System.Text.RegularExpressions;
using Dapper;
using Newsletter.Data;
using Newsletter.Papers;

namespace Newsletter.Matching;

/// <summary>
/// Keywords to suggest on the subscribe and manage pages: the AI keywords, acronyms and distinctive title words
/// that recur most across recent papers. Every suggestion appears in at least two of those papers, so picking
/// one always shows something in the preview.
/// </summary>
public sealed partial class KeywordSuggestions(IDatabase database)
{
    /// <summary>How many of the newest papers the suggestions are drawn from.</summary>
    public const int RecentPapers = 300;

    public async Task<IReadOnlyList<string>> SuggestAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Title, string AiKeywords)>(
            "SELECT title, ai_keywords FROM papers ORDER BY COALESCE(feed_date, substr(first_seen_at, 1, 10)) DESC, id DESC LIMIT @limit",
            new { limit = RecentPapers });
        return Rank(rows.Select(r => (r.Title, PaperRow.ReadList(r.AiKeywords))), count);
    }

    /// <summary>
    /// The <paramref name="count"/> terms found in the most papers (at least two), most frequent first. A term
    /// that overlaps a more frequent one word for word ("diffusion models" after "diffusion") is left out.
    /// </summary>
    public static IReadOnlyList<string> Rank(IEnumerable<(string Title, IReadOnlyList<string> AiKeywords)> papers, int count)
    {
        var frequency = new Dictionary<string, (string Display, int Papers)>();
        foreach (var (title, aiKeywords) in papers)
        {
            var seen = new HashSet<string>();
            foreach (var term in aiKeywords.Select(k => k.Trim()).Where(IsUsefulPhrase).Concat(TitleTerms(title)))
            {
                var key = SearchText.Key(term);
                if (key.Length > 0 && seen.Add(key))
                {
                    frequency[key] = frequency.TryGetValue(key, out var known) ? (known.Display, known.Papers + 1) : (term, 1);
                }
            }
        }

        var chosen = new List<(string Key, string Display)>();
        // A phrase is worth more than a word seen as often: "super resolution" says more than "super".
        foreach (var (key, (display, _)) in frequency
                     .Where(f => f.Value.Papers >= 2)
                     .OrderByDescending(f => f.Value.Papers * (1 + 0.5 * f.Key.Count(c => c == ' ')))
                     .ThenBy(f => f.Key, StringComparer.Ordinal))
        {
            var words = key.Split(' ');
            if (chosen.Any(c => Overlaps(words, c.Key.Split(' '))))
            {
                continue;
            }

            chosen.Add((key, display));
            if (chosen.Count == count)
            {
                break;
            }
        }

        return chosen.Select(c => c.Display).ToList();
    }

    /// <summary>
    /// Acronyms as written ("SAM", "NeRF", "MoE"), distinctive words in lower case, and two-word phrases (or
    /// three with "of" between) whose words stand side by side in the title ("super-resolution", "mixture of experts").
    /// </summary>
    private static IEnumerable<string> TitleTerms(string title)
    {
        var words = WordSpans(title).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Text;
            if (IsAcronym(word))
            {
                yield return word;
            }
            else if (word.Length >= 5 && word.All(char.IsLetter) && !CommonWords.Contains(word.ToLowerInvariant()))
            {
                yield return word.ToLowerInvariant();
            }

            if (i + 1 < words.Count && IsPhraseWord(words[i]) && IsPhraseWord(words[i + 1])
                && Adjacent(title, words[i], words[i + 1]) && !(IsCommon(words[i]) && IsCommon(words[i + 1])))
            {
                yield return Phrase(title, words[i], words[i + 1]);
            }

            if (i + 2 < words.Count && words[i + 1].Text.Equals("of", StringComparison.OrdinalIgnoreCase)
                && IsPhraseWord(words[i]) && IsPhraseWord(words[i + 2])
                && Adjacent(title, words[i], words[i + 1]) && Adjacent(title, words[i + 1], words[i + 2]))
            {
                yield return Phrase(title, words[i], words[i + 2]);
            }
        }
    }

    private readonly record struct Span(int Start, int End, string Text);

    private static IEnumerable<Span> WordSpans(string text)
    {
        var start = 0;
        foreach (var word in SearchText.Words(text))
        {
            var at = text.IndexOf(word, start, StringComparison.Ordinal);
            yield return new Span(at, at + word.Length, word);
            start = at + word.Length;
        }
    }

    private static bool IsPhraseWord(Span word) =>
        word.Text.Length >= 3 && word.Text.All(char.IsLetter) && !StopWords.Contains(word.Text.ToLowerInvariant());

    private static bool IsCommon(Span word) => CommonWords.Contains(word.Text.ToLowerInvariant());

    /// <summary>Only spaces or a hyphen between them: a colon or comma ends a phrase.</summary>
    private static bool Adjacent(string title, Span first, Span second) =>
        title[first.End..second.Start] is " " or "-";

    /// <summary>The title's own text from <paramref name="first"/> to <paramref name="last"/>, acronyms kept, other words lower-cased.</summary>
    private static string Phrase(string title, Span first, Span last) =>
        WordPattern().Replace(title[first.Start..last.End], m => IsAcronym(m.Value) ? m.Value : m.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    private static bool IsAcronym(string word) =>
        word.Length is >= 2 and <= 8 && word.Count(char.IsUpper) >= 2 && char.IsUpper(word[0]) && word.All(char.IsLetterOrDigit)
        && word.Count(char.IsLower) <= 2;

    private static bool IsUsefulPhrase(string phrase)
    {
        var words = SearchText.Words(phrase).Select(w => w.ToLowerInvariant()).ToList();
        return phrase.Length <= 40 && words.Count is >= 1 and <= 4 && words.Any(w => !CommonWords.Contains(w));
    }

    private static bool Overlaps(string[] a, string[] b) =>
        a.All(b.Contains) || b.All(a.Contains);

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "and", "are", "for", "from", "how", "its", "not", "one", "the", "via", "what", "when", "why", "with", "you", "your",
    };

    /// <summary>Words too common in paper titles to be worth following on their own.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "about", "above", "anything", "across", "after", "against", "agent", "agents", "aligned", "along", "among", "analysis",
        "approach", "approaches", "based", "being", "benchmark", "better", "beyond", "building", "can", "could",
        "data", "dataset", "deep", "design", "does", "effective", "efficient", "enhanced", "enhancing", "every",
        "evaluating", "exploring", "feature", "features", "framework", "from", "general", "generalizable", "guided",
        "high", "image", "images", "improved", "improving", "into", "language", "large", "learning", "level", "machine", "makes", "method", "methods",
        "model", "models", "modeling", "multi", "network", "networks", "neural", "novel", "other", "over",
        "performance", "quality", "real", "robust", "scalable", "scale", "simple", "single", "study", "super", "supervised", "system",
        "systems", "task", "tasks", "their", "these", "through", "towards", "training", "under", "understanding",
        "using", "where", "which", "while", "with", "without", "world",
    };
}
