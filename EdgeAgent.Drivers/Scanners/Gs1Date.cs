namespace EdgeAgent.Drivers.Scanners;

/// <summary>GS1 YYMMDD dates: the century by the GS1 sliding window, day 00 meaning the month's last day.</summary>
internal static class Gs1Date
{
    /// <summary>Reads six digits; on failure <paramref name="reason"/> says what is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> yymmdd, int currentYear, out DateOnly date, out string reason)
    {
        date = default;
        var yy = ((yymmdd[0] - '0') * 10) + (yymmdd[1] - '0');
        var mm = ((yymmdd[2] - '0') * 10) + (yymmdd[3] - '0');
        var dd = ((yymmdd[4] - '0') * 10) + (yymmdd[5] - '0');
        if (mm is < 1 or > 12)
        {
            reason = $"month {mm:00} is not 01–12";
            return false;
        }

        var year = FullYear(yy, currentYear);
        var daysInMonth = DateTime.DaysInMonth(year, mm);
        if (dd > daysInMonth)
        {
            reason = $"day {dd:00} does not exist in {year}-{mm:00}";
            return false;
        }

        date = new DateOnly(year, mm, dd == 0 ? daysInMonth : dd);
        reason = "";
        return true;
    }

    /// <summary>GS1 General Specifications 7.12: up to 50 years ahead and 49 behind the current year.</summary>
    public static int FullYear(int yy, int currentYear)
    {
        var century = currentYear / 100 * 100;
        var difference = yy - (currentYear % 100);
        return difference switch
        {
            >= 51 => century - 100 + yy,
            <= -50 => century + 100 + yy,
            _ => century + yy,
        };
    }
}
