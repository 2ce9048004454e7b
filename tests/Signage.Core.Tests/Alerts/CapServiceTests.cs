using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Alerts;
using Signage.Core.Alerts.Cap;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Core.Tests.Alerts;

/// <summary>CAP 1.2 messages signed as a prefecture's system would, received by the service the endpoint calls.</summary>
public sealed class CapServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>, IDisposable
{
    readonly RSA key = RSA.Create(2048);

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task ASignedAlertMatchingARuleRaisesItsTemplateOnItsTargetsAndACancelEndsIt()
    {
        var (source, _, screen) = await SourceWithRuleAsync("Évacuation", "evacuation");
        var id = NewId();

        var raised = await ReceiveAsync(source, Sign(Message(id, "Alert", "Évacuation", expiresIn: TimeSpan.FromMinutes(45))));

        var alert = await AlertAsync(raised.AlertId);
        Assert.Equal(AlertTemplates.Find("evacuation")!.Title, alert.Title);
        await fixture.RefreshAlertManifestsAsync(alert.Id);
        var manifest = (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screen)))!;
        Assert.Contains(manifest.Body.Items, i => i.ContentId == alert.Id && i.Tier == Tier.Alert);
        await using (var db = fixture.Database.CreateDb())
        {
            var entry = await db.ScheduleEntries.SingleAsync(e => e.AnnouncementId == alert.Id);
            Assert.Equal(TimeSpan.FromMinutes(45), entry.Until!.Value - entry.From!.Value);
            Assert.Equal(alert.Id, (await db.CapMessages.SingleAsync(m => m.Identifier == id)).AlertId);
            Assert.Contains(await db.AuditEntries.Where(a => a.SubjectId == alert.Id).Select(a => a.Actor).ToListAsync(), a => a == $"cap:{source.Name}");
        }

        var cancel = Sign(Message(NewId(), "Cancel", "Évacuation", references: $"prefecture@interieur.gouv.fr,{id},2026-12-03T10:00:00+01:00"));
        Assert.Equal(alert.Id, (await ReceiveAsync(source, cancel)).AlertId);
        var status = (await fixture.WithAsync(s => s.GetRequiredService<AlertService>().StatusAsync(alert.Id)))!;
        Assert.False(status.Active);
    }

    [Fact]
    public async Task UnsignedTamperedExpiredDuplicateUnmatchedOrMalformedMessagesAreRefusedAndChangeNothing()
    {
        var (source, _, _) = await SourceWithRuleAsync("Inondation", "meteo");
        var signed = Sign(Message(NewId(), "Alert", "Inondation"));
        var tampered = signed.Replace("Inondation", "Innondation", StringComparison.Ordinal);
        var otherKey = RSA.Create(2048);
        var wrongKey = CapMessages.Sign(Message(NewId(), "Alert", "Inondation"), otherKey);
        otherKey.Dispose();
        await using var before = fixture.Database.CreateDb();
        var announcements = await before.Announcements.CountAsync();

        (string Xml, string Code)[] refused =
        [
            (Message(NewId(), "Alert", "Inondation"), "cap-unsigned"),
            (tampered, "cap-unsigned"),
            (wrongKey, "cap-unsigned"),
            (Sign(Message(NewId(), "Alert", "Inondation", expiresIn: TimeSpan.FromMinutes(-1))), "cap-expired"),
            (Sign(Message(NewId(), "Alert", "Séisme")), "cap-no-rule"),
            (Sign(Message(NewId(), "Alert", "Inondation", status: "Exercise")), "cap-not-actual"),
            (Sign(Message(NewId(), "Cancel", "Inondation", references: "x,inconnu,2026-12-03T10:00:00+01:00")), "cap-no-reference"),
            ("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>", "cap-malformed"),
            ("<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&x;</alert>", "cap-malformed"),
            (Sign("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><sender>a</sender></alert>"), "cap-malformed"),
        ];
        foreach (var (xml, code) in refused)
        {
            var refusal = await Assert.ThrowsAnyAsync<RefusalException>(() => ReceiveAsync(source, xml));
            Assert.True(code == refusal.Code, $"expected {code}, got {refusal.Code}: {refusal.Message}");
        }

        await ReceiveAsync(source, signed);
        await Assert.ThrowsAsync<ConflictException>(() => ReceiveAsync(source, signed));
        await using var after = fixture.Database.CreateDb();
        Assert.Equal(announcements + 1, await after.Announcements.CountAsync());
    }

    [Fact]
    public async Task ARuleWithoutTemplateShowsTheMessagesOwnHeadlineAndDescription()
    {
        var (source, _, _) = await SourceWithRuleAsync("Coupure", null);

        var raised = await ReceiveAsync(source, Sign(Message(NewId(), "Alert", "Coupure", headline: "Coupure d'eau", description: "Eau coupée jusqu'à 16 h.")));

        var alert = await AlertAsync(raised.AlertId);
        Assert.Equal(("Coupure d'eau", "Eau coupée jusqu'à 16 h."), (alert.Title, alert.Body));
    }

    [Fact]
    public async Task ASourceNeedsARealRsaKeyAndARuleRealTargetsAndTemplate()
    {
        var badKey = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s =>
            s.GetRequiredService<CapService>().AddSourceAsync(new NewCapSource("Préfecture", "pas une clé"))));
        Assert.Contains("publicKeyPem", badKey.Errors.Keys);
        var source = await fixture.WithAsync(s => s.GetRequiredService<CapService>().AddSourceAsync(new NewCapSource("Préfecture bis", key.ExportSubjectPublicKeyInfoPem())));
        var badRule = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s =>
            s.GetRequiredService<CapService>().AddRuleAsync(new NewCapRule(source.Id, "Crue", "tsunami", [new Target(TargetKind.Group, Guid.NewGuid())], 0))));
        Assert.Equal(["minutes", "targets", "template"], badRule.Errors.Keys.Order());
        Assert.Null(await fixture.WithAsync(s => s.GetRequiredService<CapService>().FindSourceAsync("clé inventée")));
        Assert.Equal(source.Id, (await fixture.WithAsync(s => s.GetRequiredService<CapService>().FindSourceAsync(source.Key)))!.Id);
    }

    async Task<(CapSource Source, Guid Group, Guid Screen)> SourceWithRuleAsync(string ev, string? template)
    {
        var group = await fixture.GroupAsync($"Hall CAP {ev}");
        var screen = await fixture.ScreenAsync($"CAP {ev}", group.Id);
        var created = await fixture.WithAsync(s => s.GetRequiredService<CapService>().AddSourceAsync(new NewCapSource($"Préfecture {ev}", key.ExportSubjectPublicKeyInfoPem())));
        await fixture.WithAsync(s => s.GetRequiredService<CapService>().AddRuleAsync(new NewCapRule(created.Id, ev, template, [new Target(TargetKind.Group, group.Id)])));
        var source = (await fixture.WithAsync(s => s.GetRequiredService<CapService>().FindSourceAsync(created.Key)))!;
        return (source, group.Id, screen.Screen.Id);
    }

    Task<CapOutcome> ReceiveAsync(CapSource source, string xml) =>
        fixture.WithAsync(s => s.GetRequiredService<CapService>().ReceiveAsync(source, xml));

    async Task<Signage.Core.Content.Announcement> AlertAsync(Guid id)
    {
        await using var db = fixture.Database.CreateDb();
        return await db.Announcements.SingleAsync(a => a.Id == id);
    }

    static string NewId() => CapMessages.NewId();

    string Message(string id, string msgType, string ev, TimeSpan? expiresIn = null, string status = "Actual", string? references = null,
        string headline = "Alerte", string description = "Suivez les consignes.") =>
        CapMessages.Message(fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow(), id, msgType, ev, expiresIn, status, references, headline, description);

    string Sign(string xml) => CapMessages.Sign(xml, key);
}
