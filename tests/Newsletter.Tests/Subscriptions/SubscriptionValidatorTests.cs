using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

public class SubscriptionValidatorTests
{
    [Fact]
    public void Applies_the_defaults()
    {
        var errors = SubscriptionValidator.ValidateSubscription(new SubscriptionInput("ada@example.org", ["diffusion"]), out var email, out var preferences);

        Assert.True(errors.IsEmpty);
        Assert.Equal("ada@example.org", email);
        Assert.Equal(["diffusion"], preferences!.Keywords);
        Assert.Equal(("daily", 7, "UTC"), (preferences.Cadence, preferences.SendHour, preferences.TimeZone));
    }

    [Fact]
    public void Names_every_field_at_fault()
    {
        var errors = SubscriptionValidator.ValidateSubscription(
            new SubscriptionInput("nope", [], "hourly", 24, "Mars/Olympus_Mons"), out var email, out var preferences);

        Assert.Null(email);
        Assert.Null(preferences);
        Assert.Equal(["cadence", "email", "keywords", "sendHour", "timeZone"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Accepts_IANA_time_zones(string zone) =>
        Assert.True(SubscriptionValidator.ValidatePreferences(new SubscriptionInput(null, ["x"], TimeZone: zone), out _).IsEmpty);

    [Fact]
    public void Accepts_weekly_in_any_case() =>
        Assert.Equal("weekly", ValidPreferences(new SubscriptionInput(null, ["x"], "Weekly")).Cadence);

    private static SubscriptionPreferences ValidPreferences(SubscriptionInput input)
    {
        Assert.True(SubscriptionValidator.ValidatePreferences(input, out var preferences).IsEmpty);
        return preferences!;
    }
}
