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

namespace Newsletter.Emails;

/// <summary>Turns a stored digest into the model its templates render: papers in rank order, snippets marked with the subscriber's keywords.</summary>
public sealed partial class DigestEmailFactory(KeywordMatcher matcher, TimeProvider clock)
{
    /// <summary>About 300 characters of abstract around the matches.</summary>
    public const int SnippetTokens = 48;

    /// <summary>Null when the digest is gone or holds no paper that still exists.</summary>
    public async Task<DigestEmail?> CreateAsync(DbConnection connection, long digestId, Subscriber subscriber, EmailFooter footer)
    {
        var json = await connection.ExecuteScalarAsync<string?>(
            "SELECT papers FROM digests WHERE id = @digestId AND subscriber_id = @subscriberId", new { digestId, subscriberId = subscriber.Id });
        var entries = json is null ? [] : JsonSerializer.Deserialize<DigestPaper[]>(json, DigestWriter.Json)!;
        var ids = entries.Select(e => e.Id).ToArray();
        var papers = (await connection.QueryAsync<PaperRow>($"SELECT {PaperRow.Columns} FROM papers WHERE id IN @ids", new { ids }))
            .ToDictionary(r => r.Id, r => r.ToPaper());
        if (!entries.Any(e => papers.ContainsKey(e.Id)))
        {
            return null;
        }

        var anyOf = await matcher.AnyOfAsync(connection, subscriber.Keywords.Select(KeywordQuery.Parse));
        var snippets = anyOf is null ? [] : await SqliteFullTextIndex.SnippetsAsync(connection, anyOf, ids, SnippetTokens);
        var items = entries.Where(e => papers.ContainsKey(e.Id)).Select(e => Item(papers[e.Id], e, snippets.GetValueOrDefault(e.Id))).ToList();

        var matchedKeywords = subscriber.Keywords.Where(k => items.Any(i => i.Matched.Contains(k))).ToList();
        var topics = matchedKeywords.Count <= 3 ? string.Join(", ", matchedKeywords) : $"{string.Join(", ", matchedKeywords.Take(3))} and more";
        var localDate = LocalNow(subscriber.TimeZone).ToString("d MMM", CultureInfo.InvariantCulture);
        var subject = $"{items.Count} new paper{(items.Count == 1 ? "" : "s")} on {topics} · {localDate}";
        var preheader = string.Join(" · ", items.Take(3).Select(i => i.Title));
        return new DigestEmail(subject, preheader, items, subscriber.Keywords, footer);
    }

    private static DigestEmailPaper Item(Paper paper, DigestPaper entry, string? snippetHtml)
    {
        if (string.IsNullOrEmpty(snippetHtml))
        {
            snippetHtml = WebUtility.HtmlEncode(PaperText.Opening(paper.Abstract, 300));
        }

        var links = paper.Links;
        var url = links.Page ?? links.Arxiv ?? links.Project ?? links.Code
            ?? $"https://arxiv.org/search/?searchtype=title&query={Uri.EscapeDataString(paper.Title)}";
        return new DigestEmailPaper(
            paper.Title, url, PaperText.ShortAuthors(paper.Authors), snippetHtml, WebUtility.HtmlDecode(MarkTags().Replace(snippetHtml, "")),
            entry.Matched, paper.Upvotes, links.Arxiv, links.Pdf, links.Code);
    }

    private DateTime LocalNow(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone)
            : clock.GetUtcNow().UtcDateTime;

    [GeneratedRegex("</?mark>")]
    private static partial Regex MarkTags();
}
