using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Privacy;

/// <summary>
/// Consent directives applied to people who are told about a patient rather than opening the record: My work, the
/// dashboard, the inbox and every email. A provider the whole record is withheld from receives nothing about that patient.
/// </summary>
public static class DirectiveAudiences
{
    /// <summary>What each provider is refused of this patient's record, by the same rule the pages use.</summary>
    public static async Task<IReadOnlyDictionary<ProviderId, WithheldParts>> WithheldFrom(HealthLinksDb db, PatientId patient, IReadOnlyCollection<ProviderId> providers, DateOnly today, CancellationToken ct)
    {
        var directives = await db.ConsentDirectives.AsNoTracking().Where(d => d.PatientId == patient && d.EndedAt == null).ToListAsync(ct);
        if (directives.Count == 0 || providers.Count == 0)
        {
            return providers.Distinct().ToDictionary(p => p, _ => WithheldParts.None);
        }

        var onTeam = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.ProviderId != null && providers.Contains(m.ProviderId.Value) && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today))
            .Select(m => m.ProviderId!.Value).ToListAsync(ct);
        var organizations = await db.Providers.Where(p => providers.Contains(p.Id)).Select(p => new { p.Id, p.OrganizationId }).ToDictionaryAsync(p => p.Id, p => p.OrganizationId, ct);
        return providers.Distinct().ToDictionary(p => p, p => AccessRule.WithheldBy(directives, onTeam.Contains(p), p, organizations.TryGetValue(p, out var o) ? o : null));
    }

    /// <summary>The providers who may be told about this patient at all.</summary>
    public static async Task<IReadOnlyList<ProviderId>> MayBeTold(HealthLinksDb db, PatientId patient, IReadOnlyCollection<ProviderId> providers, DateOnly today, CancellationToken ct) =>
        [.. (await WithheldFrom(db, patient, providers, today, ct)).Where(p => !p.Value.HasFlag(WithheldParts.WholeRecord)).Select(p => p.Key)];

    /// <summary>For list queries: patients who withheld their whole record from this provider by name or by organization.</summary>
    public static IQueryable<PatientId> WholeRecordWithheldFrom(HealthLinksDb db, ProviderId? provider)
    {
        var organization = db.Providers.Where(p => p.Id == provider).Select(p => (Guid?)p.OrganizationId);
        return db.ConsentDirectives.Where(d => d.EndedAt == null && (d.Withholds & WithheldParts.WholeRecord) == WithheldParts.WholeRecord
                && ((d.Audience == DirectiveAudience.Provider && d.ProviderId == provider)
                    || (d.Audience == DirectiveAudience.Organization && organization.Contains(d.OrganizationId))))
            .Select(d => d.PatientId);
    }
}
