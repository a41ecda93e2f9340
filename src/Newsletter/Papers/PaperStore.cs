using System.Data.Common;
using Dapper;
using Newsletter.Data;
using Newsletter.Matching;

namespace Newsletter.Papers;

/// <summary>
/// Stores each paper once. An incoming paper matches a stored one on the arXiv id when either side has one,
/// otherwise on the normalised title; later information fills in (upvotes update, an arXiv id attaches to a
/// paper first seen without one). A batch is saved in one transaction: all of it or none of it. The
/// full-text index follows every write through triggers, inside the same transaction.
/// </summary>
public sealed class PaperStore(IDatabase database, TimeProvider clock)
{
    private enum Outcome { Added, Updated, Unchanged }

    public async Task<PaperImportResult> SaveAsync(PaperBatch batch, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int added = 0, updated = 0, unchanged = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var paper in batch.Papers)
        {
            switch (await UpsertAsync(connection, transaction, paper, now))
            {
                case Outcome.Added: added++; break;
                case Outcome.Updated: updated++; break;
                default: unchanged++; break;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new PaperImportResult(added, updated, unchanged, batch.Errors);
    }

    public async Task<(long Total, IReadOnlyList<Paper> Papers)> ListAsync(DateOnly? since, int limit, int offset, CancellationToken cancellationToken = default)
    {
        const string filter = "WHERE @since IS NULL OR COALESCE(feed_date, substr(first_seen_at, 1, 10)) >= @since";
        var parameters = new { since = PaperRow.WriteDate(since), limit, offset };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM papers {filter}", parameters);
        var rows = await connection.QueryAsync<PaperRow>(
            $"SELECT {PaperRow.Columns} FROM papers {filter} ORDER BY feed_date DESC, id DESC LIMIT @limit OFFSET @offset", parameters);
        return (total, rows.Select(r => r.ToPaper()).ToList());
    }

    private static async Task<Outcome> UpsertAsync(DbConnection connection, DbTransaction transaction, IncomingPaper incoming, DateTime now)
    {
        var titleKey = PaperTitles.Key(incoming.Title);
        var existing = incoming.ArxivId is null
            ? null
            : await connection.QuerySingleOrDefaultAsync<PaperRow>(
                $"SELECT {PaperRow.Columns} FROM papers WHERE arxiv_id = @arxivId", new { arxivId = incoming.ArxivId }, transaction);
        existing ??= await connection.QueryFirstOrDefaultAsync<PaperRow>(
            $"SELECT {PaperRow.Columns} FROM papers WHERE title_key = @titleKey AND (@arxivId IS NULL OR arxiv_id IS NULL) ORDER BY id",
            new { titleKey, arxivId = incoming.ArxivId }, transaction);

        if (existing is null)
        {
            await InsertAsync(connection, transaction, incoming, titleKey, now);
            await LearnAcronymsAsync(connection, transaction, $"{incoming.Title}. {incoming.Abstract}");
            return Outcome.Added;
        }

        var abstractBefore = existing.Abstract;
        var merged = Merge(existing, incoming);
        if (merged is null)
        {
            return Outcome.Unchanged;
        }

        merged.UpdatedAt = now;
        await connection.ExecuteAsync("""
            UPDATE papers SET arxiv_id = @ArxivId, abstract = @Abstract, abstract_parts = @AbstractParts, authors = @Authors,
                ai_keywords = @AiKeywords, published_at = @PublishedAt, feed_date = @FeedDate, upvotes = @Upvotes,
                github_repo = @GithubRepo, project_page = @ProjectPage, thumbnail = @Thumbnail, sources = @Sources,
                updated_at = @UpdatedAt
            WHERE id = @Id
            """, new
            {
                merged.ArxivId, merged.Abstract, AbstractParts = SearchText.CompoundParts(merged.Abstract), merged.Authors,
                merged.AiKeywords, merged.PublishedAt, merged.FeedDate, merged.Upvotes, merged.GithubRepo, merged.ProjectPage,
                merged.Thumbnail, merged.Sources, merged.UpdatedAt, merged.Id,
            }, transaction);
        if (merged.Abstract != abstractBefore)
        {
            await LearnAcronymsAsync(connection, transaction, merged.Abstract);
        }

        return Outcome.Updated;
    }

    /// <summary>Records the acronym definitions in <paramref name="text"/> for matching (SQLite/PostgreSQL upsert).</summary>
    private static async Task LearnAcronymsAsync(DbConnection connection, DbTransaction transaction, string text)
    {
        var definitions = AcronymDefinitions.Find(text).Distinct().ToList();
        if (definitions.Count > 0)
        {
            await connection.ExecuteAsync("""
                INSERT INTO acronyms (acronym, expansion) VALUES (@Acronym, @Expansion)
                ON CONFLICT (acronym, expansion) DO UPDATE SET seen = acronyms.seen + 1
                """, definitions, transaction);
        }
    }

    private static Task InsertAsync(DbConnection connection, DbTransaction transaction, IncomingPaper paper, string titleKey, DateTime now) =>
        connection.ExecuteAsync("""
            INSERT INTO papers (paper_key, arxiv_id, title, title_key, abstract, authors, ai_keywords, published_at, feed_date,
                upvotes, github_repo, project_page, thumbnail, sources, title_parts, abstract_parts, first_seen_at, updated_at)
            VALUES (@key, @ArxivId, @Title, @titleKey, @abstractText, @authors, @keywords, @PublishedAt, @feedDate,
                @Upvotes, @GithubRepo, @ProjectPage, @Thumbnail, @Source, @titleParts, @abstractParts, @now, @now)
            """,
            new
            {
                key = paper.ArxivId ?? PaperTitles.SyntheticId(titleKey), paper.ArxivId, paper.Title, titleKey,
                abstractText = paper.Abstract ?? "", authors = PaperRow.WriteList(paper.Authors), keywords = PaperRow.WriteList(paper.AiKeywords),
                paper.PublishedAt, feedDate = PaperRow.WriteDate(paper.FeedDate), paper.Upvotes, paper.GithubRepo,
                paper.ProjectPage, paper.Thumbnail, paper.Source, now,
                titleParts = SearchText.CompoundParts(paper.Title), abstractParts = SearchText.CompoundParts(paper.Abstract ?? ""),
            },
            transaction);

    /// <summary>The stored row with what the incoming paper adds, or null when it adds nothing.</summary>
    private static PaperRow? Merge(PaperRow row, IncomingPaper incoming)
    {
        var changed = false;

        void Fill(Func<PaperRow, string?> get, Action<PaperRow, string?> set, string? value, bool overwrite = false)
        {
            var current = get(row);
            if (!string.IsNullOrEmpty(value) && value != current && (overwrite || string.IsNullOrEmpty(current)))
            {
                set(row, value);
                changed = true;
            }
        }

        Fill(r => r.ArxivId, (r, v) => r.ArxivId = v, incoming.ArxivId);
        Fill(r => r.Abstract, (r, v) => r.Abstract = v!, incoming.Abstract);
        Fill(r => r.Authors == "[]" ? null : r.Authors, (r, v) => r.Authors = v!, incoming.Authors.Count > 0 ? PaperRow.WriteList(incoming.Authors) : null);
        Fill(r => r.AiKeywords, (r, v) => r.AiKeywords = v!, incoming.AiKeywords.Count > 0 ? PaperRow.WriteList(incoming.AiKeywords) : null, overwrite: true);
        // The Hugging Face feed's own date beats one inferred from a yearless text listing or from arXiv.
        Fill(r => r.FeedDate, (r, v) => r.FeedDate = v, PaperRow.WriteDate(incoming.FeedDate), overwrite: incoming.Source == Sources.HuggingFaceJsonParser.SourceName);
        Fill(r => r.GithubRepo, (r, v) => r.GithubRepo = v, incoming.GithubRepo, overwrite: true);
        Fill(r => r.ProjectPage, (r, v) => r.ProjectPage = v, incoming.ProjectPage, overwrite: true);
        Fill(r => r.Thumbnail, (r, v) => r.Thumbnail = v, incoming.Thumbnail, overwrite: true);

        if (row.PublishedAt is null && incoming.PublishedAt is not null)
        {
            row.PublishedAt = incoming.PublishedAt;
            changed = true;
        }

        if (incoming.Upvotes is { } upvotes && upvotes != row.Upvotes)
        {
            row.Upvotes = upvotes;
            changed = true;
        }

        var sources = row.Sources.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!sources.Contains(incoming.Source))
        {
            row.Sources = string.Join(',', sources.Append(incoming.Source));
            changed = true;
        }

        return changed ? row : null;
    }
}
