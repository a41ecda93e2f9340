using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

public class CsvReaderTests
{
    private static List<CsvRecord> Read(string text) => CsvReader.Read(text).ToList();

    private static IEnumerable<string[]> FieldsOf(string text) => Read(text).Select(r => r.Fields.ToArray());

    [Fact]
    public void Splits_records_on_commas_and_line_feeds()
    {
        Assert.Equal([["email", "keywords", "cadence"], ["a@example.org", "diffusion;SAM", ""]],
            FieldsOf("email,keywords,cadence\na@example.org,diffusion;SAM,\n"));
    }

    [Fact]
    public void A_quoted_field_keeps_commas_doubled_quotes_and_line_breaks()
    {
        var records = Read("a,\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\",end\n");

        Assert.Equal(["a", "x, y", "say \"hi\""], records[0].Fields);
        Assert.Equal(["two\nlines", "", "end"], records[1].Fields);
    }

    [Fact]
    public void CRLF_LF_and_a_lone_CR_all_end_a_record_and_none_is_left_in_a_field()
    {
        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]], FieldsOf("a,b\r\nc,d\ne,f\rg,h\r\n"));
    }

    // Compared as strings, which xunit does ordinally: compared inside arrays, culture rules would ignore U+FEFF.
    [Fact]
    public void A_leading_byte_order_mark_is_not_part_of_the_first_field()
    {
        var record = Assert.Single(Read("\uFEFFemail,keywords\r\n"));

        Assert.Equal("email", record.Fields[0]);
        Assert.Equal(2, record.Fields.Count);
    }

    [Fact]
    public void A_byte_order_mark_anywhere_else_is_data()
    {
        Assert.Equal("\uFEFFb", Assert.Single(Read("a,\uFEFFb")).Fields[1]);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted_in_line_numbers()
    {
        var records = Read("header\r\n\r\nfirst\n   \n\t\nsecond\n\n");

        Assert.Equal([(1, "header"), (3, "first"), (6, "second")], records.Select(r => (r.Line, r.Fields.Single())));
    }

    [Fact]
    public void Line_numbers_count_the_lines_inside_quoted_fields()
    {
        var records = Read("h\r\n\"one\r\ntwo\r\nthree\"\r\nnext\n\"a\rb\"\nlast");

        Assert.Equal([1, 2, 5, 6, 8], records.Select(r => r.Line));
        Assert.Equal("one\r\ntwo\r\nthree", records[1].Fields[0]);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("a,b\n")]
    [InlineData("a,b\r\n")]
    [InlineData("a,b\r\n\r\n\r\n")]
    public void A_trailing_line_break_or_none_reads_the_same(string text)
    {
        Assert.Equal([["a", "b"]], FieldsOf(text));
    }

    [Fact]
    public void Empty_fields_are_kept_including_a_trailing_one()
    {
        Assert.Equal([["", "", ""], ["x", ""]], FieldsOf(",,\nx,"));
    }

    [Fact]
    public void Spaces_are_data_and_a_line_with_one_quoted_empty_field_is_a_record()
    {
        Assert.Equal([[" a ", " b"], [""]], FieldsOf(" a , b\n\"\"\n"));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_for_that_record_only()
    {
        var records = Read("h\n\"a\"b,c\nnext,row\n");

        Assert.Equal(2, records[1].Line);
        Assert.Empty(records[1].Fields);
        Assert.Contains("quoted field", records[1].Error);
        Assert.Equal((3, null), (records[2].Line, records[2].Error));
        Assert.Equal(["next", "row"], records[2].Fields);
    }

    [Fact]
    public void A_quote_that_never_closes_is_an_error_on_the_line_it_opens()
    {
        var records = Read("h\nok,1\n\"open,2\nmore,3\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["ok", "1"], records[1].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("never closed", records[2].Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\n  \n")]
    public void Nothing_but_blank_lines_is_no_records(string text)
    {
        Assert.Empty(Read(text));
    }

    [Fact]
    public void Reads_a_hundred_thousand_records_in_order()
    {
        var text = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"r{i}@example.org,\"k;{i}\",daily\r\n"));

        var records = Read(text);

        Assert.Equal(100_000, records.Count);
        Assert.Equal(["r99999@example.org", "k;99999", "daily"], records[^1].Fields);
        Assert.Equal(100_000, records[^1].Line);
    }
}
