using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Core.Scheduling;
using Signage.Server.Accounts;

namespace Signage.Server.Scheduling;

public static class ScheduleApi
{
    public static RouteGroupBuilder MapSchedules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(Policies.Publisher).ProducesRefusals();
        group.MapPost("/", Add);
        routes.MapPost("/api/ticker", AddTicker).WithTags("Schedules").RequireAuthorization(Policies.Publisher).ProducesRefusals();
        return group;
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
