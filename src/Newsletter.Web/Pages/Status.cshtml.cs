using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/status/{code}</c>: what a person's browser shows for an error response that has no body of its own (an
/// unknown address, an unknown export link). The status code pages middleware re-executes the request here and
/// the original status stays; asked for directly, the page answers with the code it names.
/// </summary>
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    public void OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        (Title, Text) = Code switch
        {
            404 => ("There's no page here", "The address may be mistyped, or what it pointed to is gone."),
            400 => ("That request didn't make sense to us", "Something in the address was not what this page expects."),
            405 => ("That doesn't work here", "This page can't be used that way."),
            413 => ("That was too large", "The request was larger than this page accepts."),
            _ => ("Something went wrong", "Please try again in a moment."),
        };
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = Code;
        }
    }
}
