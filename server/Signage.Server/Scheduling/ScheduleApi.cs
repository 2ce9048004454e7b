using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Contracts.Manifests;
using Signage.Core.Scheduling;
using Signage.Server.Accounts;

namespace Signage.Server.Scheduling;

public static class ScheduleApi
{
    public static RouteGroupBuilder MapSchedules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(Policies.Publisher).ProducesRefusals();
        group.MapGet("/", List);
        group.MapPost("/", Add);
        group.MapPut("/{id:guid}", Update).ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).ProducesProblems(StatusCodes.Status404NotFound);
        var ticker = routes.MapGroup("/api/ticker").WithTags("Schedules").RequireAuthorization(Policies.Publisher).ProducesRefusals();
        ticker.MapGet("/", Ticker);
        ticker.MapPost("", AddTicker);
        ticker.MapPut("/{id:guid}", UpdateTicker).ProducesProblems(StatusCodes.Status404NotFound);
        ticker.MapDelete("/{id:guid}", DeleteTicker).ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The entries of an announcement, or those reaching a screen (through its groups and site too) or a group.</summary>
    static async Task<Results<Ok<List<ScheduleView>>, ValidationProblem>> List(Guid? announcementId, TargetKind? kind, Guid? targetId, ScheduleService schedules, CancellationToken ct)
    {
        List<ScheduleEntry> entries;
        if (announcementId is { } announcement)
        {
            entries = await schedules.ForAnnouncementAsync(announcement, ct);
        }
        else if (kind is { } k && targetId is { } id)
        {
            entries = await schedules.ForTargetAsync(new Target(k, id), ct);
        }
        else
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["announcementId"] = ["Indiquez announcementId, ou kind et targetId."] });
        }

        return TypedResults.Ok(entries.ConvertAll(ScheduleView.Of));
    }

    /// <summary>Replaces a rule; a bad one changes nothing and names the fields to fix.</summary>
    static async Task<Ok<ScheduleView>> Update(Guid id, NewScheduleEntry rule, ScheduleService schedules, CancellationToken ct) =>
        TypedResults.Ok(ScheduleView.Of(await schedules.UpdateAsync(id, rule with { Targets = rule.Targets ?? [] }, ct)));

    static async Task<NoContent> Delete(Guid id, ScheduleService schedules, CancellationToken ct)
    {
        await schedules.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<List<TickerMessage>>> Ticker(TickerService ticker, CancellationToken ct) => TypedResults.Ok(await ticker.ListAsync(ct));

    static async Task<Ok<TickerMessage>> UpdateTicker(Guid id, NewTickerLine line, TickerService ticker, CancellationToken ct) =>
        TypedResults.Ok(await ticker.UpdateAsync(id, line with { Targets = line.Targets ?? [] }, ct));

    static async Task<NoContent> DeleteTicker(Guid id, TickerService ticker, CancellationToken ct)
    {
        await ticker.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Adds a still line to the ticker band of the targeted screens.</summary>
    static async Task<Created<ScheduleCreated>> AddTicker(NewTickerLine line, TickerService ticker, CancellationToken ct)
    {
        var message = await ticker.AddAsync(line with { Targets = line.Targets ?? [] }, ct);
        return TypedResults.Created($"/api/ticker/{message.Id}", new ScheduleCreated(message.Id));
    }

    /// <summary>Adds a rule putting an announcement on screens; a bad rule changes nothing and names the fields to fix.</summary>
    static async Task<Created<ScheduleCreated>> Add(NewScheduleEntry rule, ScheduleService schedules, CancellationToken ct)
    {
        var entry = await schedules.AddAsync(rule with { Targets = rule.Targets ?? [] }, ct);
        return TypedResults.Created($"/api/schedules/{entry.Id}", new ScheduleCreated(entry.Id));
    }
}

public sealed record ScheduleCreated(Guid Id);

/// <summary>A schedule entry as the API shows it: its dates in UTC, its days and local hours, its targets.</summary>
public sealed record ScheduleView(
    Guid Id, Guid AnnouncementId, IReadOnlyList<Target> Targets, DateTimeOffset? From, DateTimeOffset? Until,
    IReadOnlyList<DayOfWeek> Days, IReadOnlyList<TimeRange> Times, Tier Tier, int Weight, int DurationSeconds)
{
    public static ScheduleView Of(ScheduleEntry e) =>
        new(e.Id, e.AnnouncementId, [.. e.TargetList()], e.From, e.Until, e.Days, e.Times, e.Tier, e.Weight, e.DurationSeconds);
}
