using Microsoft.AspNetCore.Http.Features;

namespace Newsletter.Web.Endpoints;

/// <summary>Reads an uploaded file (the whole request body) for the import endpoints, the only ones that take large bodies.</summary>
public static class UploadedFile
{
    /// <summary>
    /// Reads the body, allowing up to <paramref name="limit"/> bytes for this request alone. A body over the limit,
    /// declared or not, throws <see cref="BadHttpRequestException"/> with 413, which the exception handler turns
    /// into a ProblemDetails naming <paramref name="setting"/>. An empty body gives an empty result.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContext context, long limit, string setting, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit, setting);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit; // Kestrel stops reading past it
        }

        using var body = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 0, limit));
        try
        {
            await context.Request.Body.CopyToAsync(body, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit, setting);
        }

        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    private static BadHttpRequestException TooLarge(long limit, string setting) =>
        new($"Files up to {limit} bytes are accepted ({setting}).", StatusCodes.Status413PayloadTooLarge);
}
