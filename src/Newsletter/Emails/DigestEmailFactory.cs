using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Newsletter.Digests;
using Newsletter.Matching;
using Newsletter.Papers;
using Newsletter.Subscriptions;
using Newsletter.Templates;
using Newsletter.Data;

namespace Newsletter.Emails;

/// <summary>
/// Turns stored digests into the models their templates render: papers in rank order, each with a snippet in
/// which the keywords that matched it are marked. A paper as a digest shows it (snippet, links, authors) is the
/// same in every digest where the same keywords matched it, and its snippet costs a full-text query, far more
/// than rendering; so these are built once and kept across emails, exact to the paper's last update. Each
/// subscriber's own "More like this" / "Less like this" links are added to a copy after the cache, never kept in it.
/// </summary>
public sealed partial class DigestEmailFactory(KeywordMatcher matcher, PublicUrls urls, TimeProvider clock)
{
    /// <summary>About 300 characters of abstract around the matches.</summary>
    public const int SnippetTokens = 48;

    /// <summary>Papers kept at most (a couple of KB each); past it the cache starts over.</summary>
    public const int MaxCachedPapers = 20_000;

    /// <summary>One digest email to build: which digest, for whom, with which footer.</summary>
    public sealed record Request(long DigestId, Subscriber Subscriber, EmailFooter Footer);

    /// <summary>
    /// What fixes a paper as a digest shows it: the paper (id and last update), the keywords that matched it, in
    /// the subscriber's order, and the expression marking them in the snippet, with the synonyms of the time.
    /// </summary>
    private readonly record struct ItemKey(long PaperId, DateTime PaperUpdatedAt, string Matched, string Related, string? Expression);

    private readonly ConcurrentDictionary<ItemKey, DigestEmailPaper> cache = new();

    /// <summary>
    /// Builds the models of many digests with a few queries for all of them (digests, papers' update times,
    /// synonyms; then, for papers not cached yet, their rows and one snippet query per keyword expression). A
    /// digest that is gone, or holds no paper that still exists, is absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, DigestEmail>> CreateAsync(DbConnection connection, IReadOnlyList<Request> requests)
    {
        var byDigest = requests.ToDictionary(r => r.DigestId);
        var stored = (await connection.QueryAsync<(long Id, long SubscriberId, string Papers)>(
                $"SELECT id, subscriber_id, papers FROM digests WHERE id IN ({connection.Dialect().Ids("@ids")})",
                new { ids = JsonSerializer.Serialize(byDigest.Keys) }))
            .Where(d => byDigest[d.Id].Subscriber.Id == d.SubscriberId)
            .ToDictionary(d => d.Id, d => JsonSerializer.Deserialize<DigestPaper[]>(d.Papers, DigestWriter.Json)!);
        var updatedAt = (await connection.QueryAsync<(long Id, DateTime UpdatedAt)>(
                $"SELECT id, updated_at FROM papers WHERE id IN ({connection.Dialect().Ids("@ids")})",
                new { ids = JsonSerializer.Serialize(stored.Values.SelectMany(entries => entries.Select(e => e.Id)).Distinct()) }))
            .ToDictionary(p => p.Id, p => p.UpdatedAt);

        // A snippet marks the subscriber's keywords that matched the paper: the others do not occur in it.
        var present = stored.Values.SelectMany(entries => entries.Where(e => updatedAt.ContainsKey(e.Id))).ToList();
        var matchedSets = present.Select(e => MatchedKey(e.Matched)).Distinct().ToList();
        var expressions = await matcher.AnyOfAsync(connection,
            matchedSets.Select(set => (IReadOnlyList<KeywordQuery>)set.Split('\n').Select(KeywordQuery.Parse).ToList()).ToList());
        var expressionOf = matchedSets.Zip(expressions).ToDictionary(pair => pair.First, pair => pair.Second);
        ItemKey KeyOf(DigestPaper entry)
        {
            var matched = MatchedKey(entry.Matched);
            return new ItemKey(entry.Id, updatedAt[entry.Id], matched, MatchedKey(entry.Related ?? []), expressionOf[matched]);
        }

        var items = await ItemsAsync(connection, present.Select(e => (KeyOf(e), e)));
        var emails = new Dictionary<long, DigestEmail>();
        foreach (var (digestId, entries) in stored)
        {
            var subscriber = byDigest[digestId].Subscriber;
            List<DigestEmailPaper> Section(bool similarToLiked) => entries
                .Where(e => updatedAt.ContainsKey(e.Id) && (e.SimilarToLiked == true) == similarToLiked)
                .Select(e => items.GetValueOrDefault(KeyOf(e)) is { } shared
                    ? shared with { MoreUrl = urls.MoreLikeThis(subscriber, e.Id), LessUrl = urls.LessLikeThis(subscriber, e.Id) }
                    : null)
                .OfType<DigestEmailPaper>().ToList();
            var papers = Section(similarToLiked: false);
            if (papers.Count > 0)
            {
                emails[digestId] = Email(byDigest[digestId], papers) with { SimilarToLiked = Section(similarToLiked: true) };
            }
        }

        return emails;
    }

    private DigestEmail Email(Request request, List<DigestEmailPaper> items)
    {
        var subscriber = request.Subscriber;
        var matchedKeywords = subscriber.Keywords.Where(k => items.Any(i => i.Matched.Contains(k) || i.Related.Contains(k))).ToList();
        var topics = matchedKeywords.Count <= 3 ? string.Join(", ", matchedKeywords) : $"{string.Join(", ", matchedKeywords.Take(3))} and more";
        var localDate = LocalNow(subscriber.TimeZone).ToString("d MMM", CultureInfo.InvariantCulture);
        var subject = $"{items.Count} new paper{(items.Count == 1 ? "" : "s")} on {topics} · {localDate}";
        var preheader = string.Join(" · ", items.Take(3).Select(i => i.Title));
        return new DigestEmail(subject, preheader, items, subscriber.Keywords, request.Footer);
    }

    /// <summary>The matched keywords as one key (keywords hold no line breaks).</summary>
    private static string MatchedKey(IEnumerable<string> matched) => string.Join('\n', matched);

    /// <summary>
    /// The item of each wanted key: from the cache, or built from the paper's row and one snippet query per
    /// expression for those missing. A paper deleted meanwhile has none.
    /// </summary>
    private async Task<Dictionary<ItemKey, DigestEmailPaper>> ItemsAsync(DbConnection connection, IEnumerable<(ItemKey Key, DigestPaper Entry)> wanted)
    {
        if (cache.Count > MaxCachedPapers)
        {
            cache.Clear();
        }

        var found = new Dictionary<ItemKey, DigestEmailPaper>();
        var missing = new Dictionary<ItemKey, DigestPaper>();
        foreach (var (key, entry) in wanted)
        {
            if (cache.TryGetValue(key, out var item))
            {
                found[key] = item;
            }
            else
            {
                missing[key] = entry;
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var papers = (await connection.QueryAsync<PaperRow>(
                $"SELECT {PaperRow.Columns} FROM papers WHERE id IN ({connection.Dialect().Ids("@ids")})",
                new { ids = JsonSerializer.Serialize(missing.Keys.Select(k => k.PaperId).Distinct()) }))
            .ToDictionary(r => r.Id, r => r.ToPaper());
        foreach (var group in missing.Where(m => papers.ContainsKey(m.Key.PaperId)).GroupBy(m => m.Key.Expression))
        {
            var snippets = group.Key is null ? []
                : await FullTextIndex.Of(connection).SnippetsAsync(connection, group.Key, group.Select(m => m.Key.PaperId).Distinct().ToList(), SnippetTokens);
            foreach (var (key, entry) in group)
            {
                var paper = papers[key.PaperId];
                var item = Item(paper, entry, snippets.GetValueOrDefault(key.PaperId));
                // Keyed by the row just read: if the paper changed since its update time was read, that key is the current one.
                cache[key with { PaperUpdatedAt = paper.UpdatedAt }] = item;
                found[key] = item;
            }
        }

        return found;
    }

    private static DigestEmailPaper Item(Paper paper, DigestPaper entry, string? snippetHtml)
    {
        if (string.IsNullOrEmpty(snippetHtml))
        {
            snippetHtml = WebUtility.HtmlEncode(PaperText.Opening(paper.Abstract, 300));
        }

        var links = paper.Links;
        return new DigestEmailPaper(
            paper.Title, paper.PrimaryUrl, PaperText.ShortAuthors(paper.Authors), snippetHtml, WebUtility.HtmlDecode(MarkTags().Replace(snippetHtml, "")),
            entry.Matched, paper.Upvotes, links.Arxiv, links.Pdf, links.Code, entry.Related ?? []);
    }

    private DateTime LocalNow(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone)
            : clock.GetUtcNow().UtcDateTime;

    [GeneratedRegex("</?mark>")]
    private static partial Regex MarkTags();
}
