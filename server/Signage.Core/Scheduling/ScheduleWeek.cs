using Signage.Contracts.Manifests;

namespace Signage.Core.Scheduling;

/// <summary>One announcement playing on one day of a week, from Start to End on the site's wall clock (null: the day's edge).</summary>
public sealed record WeekSlot(DateOnly Day, Tier Tier, Guid EntryId, string Title, TimeOnly? Start, TimeOnly? End);

/// <summary>What plays when over a week: each entry's days, hours and dates laid out day by day, highest tier first.</summary>
public static class ScheduleWeek
{
    public static List<WeekSlot> Of(IEnumerable<ScheduleEntry> entries, DateOnly monday, TimeZoneInfo zone)
    {
        var slots = new List<WeekSlot>();
        var all = entries.ToList();
        for (var i = 0; i < 7; i++)
        {
            var day = monday.AddDays(i);
            var dayStart = Signage.Contracts.Manifests.Windows.Instants(day.ToDateTime(TimeOnly.MinValue), zone).First();
            var dayEnd = Signage.Contracts.Manifests.Windows.Instants(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).First();
            foreach (var entry in all)
            {
                if ((entry.Days.Count > 0 && !entry.Days.Contains(day.DayOfWeek)) || entry.Until <= dayStart || entry.From >= dayEnd)
                {
                    continue;
                }

                // Dates starting or ending within the day cut its hours there.
                TimeOnly? from = entry.From > dayStart ? LocalTime(entry.From.Value, zone) : null;
                TimeOnly? until = entry.Until < dayEnd ? LocalTime(entry.Until.Value, zone) : null;
                IEnumerable<(TimeOnly? Start, TimeOnly? End)> ranges = entry.Times.Count == 0
                    ? [(null, null)]
                    : entry.Times.SelectMany(Parts);
                foreach (var (start, end) in ranges)
                {
                    var s = Later(start, from);
                    var e = Earlier(end, until);
                    if (s is null || e is null || s < e)
                    {
                        slots.Add(new WeekSlot(day, entry.Tier, entry.Id, entry.Announcement?.Title ?? "", s, e));
                    }
                }
            }
        }

        return [.. slots.OrderBy(s => s.Day).ThenByDescending(s => s.Tier).ThenBy(s => s.Start ?? TimeOnly.MinValue).ThenBy(s => s.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>A range as parts of one day: one that runs past midnight (22:00–02:00) is its evening and its small hours.</summary>
    static IEnumerable<(TimeOnly? Start, TimeOnly? End)> Parts(TimeRange range) =>
        range.End == TimeOnly.MinValue ? [(range.Start, null)]
        : range.Start < range.End ? [(range.Start, range.End)]
        : [(null, range.End), (range.Start, null)];

    static TimeOnly LocalTime(DateTimeOffset instant, TimeZoneInfo zone) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    static TimeOnly? Later(TimeOnly? a, TimeOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    static TimeOnly? Earlier(TimeOnly? a, TimeOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
