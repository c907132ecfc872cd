using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CarePlans;

/// <summary>What the plan needs from the patient's record: today's care team and whether the identifiers are complete.</summary>
public static class PlanFacts
{
    public sealed record TeamMember(Guid Id, string Name, string Role, bool IsHealthCareProfessional, bool IsLead, CareTeamMemberKind Kind = CareTeamMemberKind.Provider, TeamRole? TeamRole = null);

    internal static async Task<(IReadOnlyList<TeamMember> Team, CompletenessFacts Facts)?> Read(HealthLinksDb db, PatientId patientId, DateOnly today, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().AsSplitQuery().Include(p => p.CareTeam).Include(p => p.RelatedPeople).SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return null;
        }

        var active = patient.CareTeam.Where(m => m.IsActiveOn(today)).ToList();
        var providerIds = active.Where(m => m.ProviderId is not null).Select(m => m.ProviderId!.Value).ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var team = active.Select(m => m.Kind switch
        {
            CareTeamMemberKind.Provider => new TeamMember(m.Id, providers[m.ProviderId!.Value].DisplayName, m.Role, providers[m.ProviderId.Value].IsHealthCareProfessional, m.IsLead, m.Kind, m.TeamRole),
            CareTeamMemberKind.RelatedPerson => new TeamMember(m.Id, patient.RelatedPeople.Single(r => r.Id == m.RelatedPersonId).DisplayName, m.Role, false, false, m.Kind, m.TeamRole),
            _ => new TeamMember(m.Id, patient.DisplayName, m.Role, false, false, m.Kind, m.TeamRole),
        }).ToList();
        var identifiers = patient.HealthCardNumber is not null && patient.GivenName.Length > 0 && patient.FamilyName.Length > 0;
        return (team, new CompletenessFacts(identifiers, team.Count(t => t.IsHealthCareProfessional)));
    }
}
