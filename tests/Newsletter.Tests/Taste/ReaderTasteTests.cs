using Newsletter.Matching;
using Newsletter.Taste;

namespace Newsletter.Tests.Taste;

public class ReaderTasteTests
{
    // Unit vectors on three axes: "vision", "language", "robots".
    private static readonly float[] Vision = [1, 0, 0];
    private static readonly float[] Language = [0, 1, 0];
    private static readonly float[] Robots = [0, 0, 1];

    private static PaperRanker.RankedPaper Words(long id, string keyword) => new(id, PaperRanker.PerKeyword + PaperRanker.OtherMatch, [keyword], []);

    private static PaperRanker.RankedPaper Meaning(long id, string keyword) => new(id, PaperRanker.RelatedMatch, [], [keyword]);

    [Fact]
    public void Papers_like_the_liked_ones_move_up_among_equals()
    {
        var ranked = new[] { Words(1, "learning"), Words(2, "learning"), Words(3, "learning") };
        var vectors = new Dictionary<long, float[]> { [1] = Language, [2] = Robots, [3] = Vision };

        var order = new ReaderTaste([Vision], [Language]).Rerank(ranked, vectors, 10).Select(p => p.PaperId);

        Assert.Equal([3, 2, 1], order);
    }

    [Fact]
    public void A_paper_matched_by_meaning_only_that_the_votes_reject_is_left_out_but_word_matches_stay()
    {
        var ranked = new[] { Words(1, "learning"), Meaning(2, "learning"), Meaning(3, "learning") };
        var vectors = new Dictionary<long, float[]> { [1] = Language, [2] = Language, [3] = Vision };

        var kept = new ReaderTaste([Vision], [Language]).Rerank(ranked, vectors, 10).Select(p => p.PaperId).ToList();

        Assert.Contains(1L, kept); // matched by its words: demoted, never dropped
        Assert.DoesNotContain(2L, kept);
        Assert.Contains(3L, kept);
    }

    [Fact]
    public void Taste_never_hides_a_keyword_entirely()
    {
        var ranked = new[] { Words(1, "vision"), Words(2, "vision"), Words(3, "language") };
        var vectors = new Dictionary<long, float[]> { [1] = Vision, [2] = Vision, [3] = Language };

        var kept = new ReaderTaste([Vision], [Language]).Rerank(ranked, vectors, 2).Select(p => p.PaperId).ToList();

        Assert.Equal(2, kept.Count);
        Assert.Contains(3L, kept); // the disliked topic's keyword keeps its best paper
    }

    [Fact]
    public void Related_to_liked_brings_close_papers_only_and_nothing_without_likes()
    {
        var window = new Dictionary<long, float[]> { [1] = Vision, [2] = [0.8f, 0.6f, 0], [3] = Robots };

        Assert.Equal([1L, 2L], new ReaderTaste([Vision], []).RelatedToLiked(window, _ => false, 3));
        Assert.Equal([2L], new ReaderTaste([Vision], []).RelatedToLiked(window, id => id == 1, 3));
        Assert.Empty(new ReaderTaste([], [Vision]).RelatedToLiked(window, _ => false, 3));
    }
}
