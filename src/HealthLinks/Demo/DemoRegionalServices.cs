using System.Globalization;
using System.Text;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Regional;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Demo;

/// <summary>
/// The demo region's community agencies, as their quarterly files would come: about 40 agencies across the nine named
/// categories and one the region added (so the nine make about 65% of the allocation), 8 quarters to the last complete
/// one. The story: personal support has one large agency costing far more per individual than volume explains;
/// a mental health case management agency misses its wait-time corridor in 3 of the last 4 quarters, while another sits
/// exactly on its corridor's limit (inside); a crisis line serves fewer than its corridor two quarters in three; and the
/// seniors' day programs vary widely only because some are tiny (the funnel plot shows it).
/// </summary>
public static class DemoRegionalServices
{
    public const string OtherCategory = "Meals and Transportation";

    private sealed record Offer(string Agency, string Category, int Individuals, double Cost, double VisitsEach, double CostFactor = 1);

    private static readonly (string Code, double Cost, double VisitsEach, (string Agency, int Individuals, double CostFactor)[] Agencies)[] Plan =
    [
        ("PersonalSupport", 1900, 22, [("Champlain Home and Community Care", 1400, 1), ("Carefor Community Support", 900, 1), ("Valley Nursing Services", 650, 1), ("Soins à domicile Prescott-Russell", 500, 1),
            ("Ottawa West Independence Services", 1200, 1.42), ("Kanata Personal Support Co-op", 380, 1), ("Orléans Aide à domicile", 420, 1), ("Pembroke Home Supports", 260, 1)]),
        ("AssistedLiving", 5200, 60, [("Bytown Assisted Living", 160, 1), ("Résidence-services Vanier", 120, 1), ("Cornwall Supportive Living", 95, 1), ("Renfrew Assisted Living Network", 70, 1), ("Carefor Community Support", 140, 1)]),
        ("CommunityHealthCentreClinics", 780, 5, [("Centre de santé communautaire de l'Estrie", 2600, 1), ("Sandy Hill Community Health Centre", 3100, 1), ("Somerset West Community Health Centre", 2800, 1.08),
            ("Carlington Community Health Centre", 2200, 1), ("Pinecrest-Queensway Community Health Centre", 1900, 1), ("Seaway Valley Community Health Centre", 1500, 1)]),
        ("SupportiveHousing", 6100, 40, [("Ottawa Housing Outreach", 210, 1), ("Cornerstone Supportive Housing", 160, 1), ("Logement supervisé de l'Est", 120, 1), ("Upper Ottawa Valley Housing Supports", 80, 1)]),
        ("MentalHealthCaseManagement", 2300, 12, [("Champlain Mental Health and Addictions Services", 900, 1), ("Centre de toxicomanie et santé mentale de l'Est", 600, 1), ("Canadian Mental Health Association Ottawa", 1100, 1),
            ("Nepean Counselling Services", 350, 1), ("Services de counseling de Hawkesbury", 240, 1), ("Renfrew County Mental Health Outreach", 300, 1), ("Cornwall Community Counselling", 280, 1)]),
        ("SeniorsDayProgram", 1500, 30, [("Seniors' Day Program of Renfrew County", 240, 1), ("Meals on Wheels Ottawa", 300, 1), ("Services communautaires de Clarence-Rockland", 180, 1),
            ("Glengarry Seniors' Club", 9, 1.55), ("Arnprior Adult Day Centre", 12, 0.6), ("Vankleek Hill Day Away", 8, 1.45)]),
        ("ResidentialAddictionTreatment", 9800, 55, [("Centre de toxicomanie et santé mentale de l'Est", 90, 1), ("Ottawa Recovery House", 110, 1), ("Champlain Mental Health and Addictions Services", 70, 1)]),
        ("ChronicDiseasePromotion", 260, 3, [("Sandy Hill Community Health Centre", 1600, 1), ("Centre de santé communautaire de l'Estrie", 900, 1), ("Diabetes Education Champlain", 1300, 1), ("Heart Wise Ottawa", 700, 1)]),
        ("CrisisIntervention", 640, 2, [("Mobile Crisis Team Champlain", 2100, 1), ("Ligne d'écoute de l'Est", 900, 1), ("Renfrew County Crisis Line", 450, 1), ("Canadian Mental Health Association Ottawa", 1200, 1)]),
        ("Other", 1750, 26, [("Meals on Wheels Ottawa", 5200, 1), ("Services communautaires de Clarence-Rockland", 2600, 1), ("Carefor Community Support", 4800, 1), ("Rural Rides Eastern Ontario", 3100, 1)]),
    ];

    /// <summary>The two files, for the eight quarters up to the last complete one on <paramref name="today"/>.</summary>
    public static (string Services, string Performance) Files(DateOnly today)
    {
        var random = new Random(20261130);
        var last = Quarter.LastCompleteOn(today);
        var quarters = new List<Quarter> { last };
        while (quarters.Count < 8)
        {
            quarters.Insert(0, quarters[0].Previous);
        }

        var services = new StringBuilder("quarter,organization,service_category,funding,individuals_served,visits\n");
        var performance = new StringBuilder("quarter,organization,service_category,indicator,actual,target,lower_limit,upper_limit\n");
        string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        foreach (var (code, cost, visitsEach, agencies) in Plan)
        {
            var category = code == "Other" ? OtherCategory : ServiceCategory.Named.Single(n => n.Code == code).Name;
            foreach (var (agency, size, factor) in agencies)
            {
                for (var i = 0; i < quarters.Count; i++)
                {
                    var q = quarters[i];
                    var recent = i >= quarters.Count - 4;
                    var individuals = Math.Max(1, (int)Math.Round(size * (1 + (0.05 * Normal()))));

                    // One individual's cost varies about 60% around the category's; an agency's mean over n individuals by 60%/√n.
                    var perIndividual = cost * factor * (1 + (0.6 * Normal() / Math.Sqrt(individuals)));
                    var funding = Math.Round(perIndividual * individuals, 2);
                    var visits = (int)Math.Round(individuals * visitsEach * (1 + (0.08 * Normal())));
                    services.Append(CultureInfo.InvariantCulture, $"{q},{Csv(agency)},{Csv(category)},{funding:0.00},{individuals},{visits}\n");
                    if (code == "Other")
                    {
                        continue;
                    }

                    // An indicator is an average over the individuals served: its noise shrinks with volume too.
                    var noise = Math.Min(2, Math.Sqrt(300.0 / individuals));
                    var wait = 14 + (3 * noise * Normal());
                    if (agency == "Nepean Counselling Services" && recent && i != quarters.Count - 3)
                    {
                        wait = 27 + (2 * noise * Normal());
                    }

                    if (agency == "Services de counseling de Hawkesbury" && recent)
                    {
                        wait = 21;
                    }

                    var served = 100 + (4 * noise * Normal());
                    if (agency == "Renfrew County Crisis Line" && recent && i != quarters.Count - 2)
                    {
                        served = 78 + (3 * noise * Normal());
                    }

                    var experience = Math.Min(100, 88 + (4 * noise * Normal()));
                    performance.Append(CultureInfo.InvariantCulture, $"{q},{Csv(agency)},{Csv(category)},wait_time_days,{Math.Max(0, wait):0.0},14,0,21\n");
                    performance.Append(CultureInfo.InvariantCulture, $"{q},{Csv(agency)},{Csv(category)},individuals_served_pct_target,{served:0.0},100,90,110\n");
                    performance.Append(CultureInfo.InvariantCulture, $"{q},{Csv(agency)},{Csv(category)},client_experience_pct,{experience:0.0},85,80,100\n");
                }
            }
        }

        return (services.ToString(), performance.ToString());
    }

    /// <summary>On first start, the demo analyst's region gets the agencies' files, imported as an analyst would (through the same checks).</summary>
    public static async Task SeedAsync(IDbContextFactory<HealthLinksDb> dbs, ImportServices.Handler import, ServiceCategories.Handler categories, TimeProvider clock, CancellationToken ct = default)
    {
        Viewer? analyst;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.ServiceVolumes.AnyAsync(ct))
            {
                return;
            }

            analyst = await Viewer.ForEmail(db, DemoAccounts.AnalystEmail, AuditSource.Import, ct);
        }

        if (analyst is null)
        {
            return;
        }

        await categories.Add(analyst, OtherCategory, ct);
        var (services, performance) = Files(Ontario.Today(clock));
        foreach (var (name, text) in new[] { ("services.csv", services), ("performance.csv", performance) })
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var result = await import.Handle(analyst, stream, name, ct);
            if (result.Value?.Stored != true)
            {
                throw new InvalidOperationException($"The demo's {name} was refused: {string.Join("; ", result.Value?.Problems.Select(p => $"row {p.Row} {p.Column} {p.Code} {p.Detail}") ?? result.Violations.Select(v => v.Message))}");
            }
        }
    }
}
