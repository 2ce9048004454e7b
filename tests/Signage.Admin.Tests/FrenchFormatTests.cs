namespace Signage.Admin.Tests;

public class FrenchFormatTests
{
    [Theory]
    [InlineData("2026-11-28T13:30:00Z", "samedi 28\u00A0novembre 2026 à\u00A014\u00A0h\u00A030")]
    [InlineData("2026-11-30T23:00:00Z", "mardi 1er\u00A0décembre 2026 à\u00A00\u00A0h")]
    [InlineData("2026-03-29T01:00:00Z", "dimanche 29\u00A0mars 2026 à\u00A03\u00A0h")]
    [InlineData("2026-10-25T00:30:00Z", "dimanche 25\u00A0octobre 2026 à\u00A02\u00A0h\u00A030")]
    [InlineData("2026-10-25T01:30:00Z", "dimanche 25\u00A0octobre 2026 à\u00A02\u00A0h\u00A030")]
    public void DatesReadAsInFrenchInParisTime(string instant, string expected) =>
        Assert.Equal(expected, FrenchFormat.DateTime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
}
