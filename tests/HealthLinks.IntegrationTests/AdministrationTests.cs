using HealthLinks.Domain;
using HealthLinks.Features.Accounts;
using HealthLinks.Features.Administration;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>The administration forms' handlers: good input is stored, bad input names its field and stores nothing.</summary>
public abstract class AdministrationTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task AnOrganization_IsCreatedAndUpdated()
    {
        var name = "Rideau Home Care " + Guid.NewGuid().ToString("N")[..6];
        var created = await app.Get<SaveOrganization.Handler>().Handle(await Admin(), new SaveOrganization.Command
        {
            RegionId = await RegionId(),
            Name = name,
            Kind = OrganizationKind.HomeAndCommunityCare,
            Phone = "613-555-0100",
        });
        Assert.True(created.Succeeded);
        var updated = await app.Get<SaveOrganization.Handler>().Handle(await Admin(), new SaveOrganization.Command
        {
            Id = created.Value,
            Name = name + " East",
            Kind = OrganizationKind.CommunitySupport,
            Email = "info@example.org",
        });
        Assert.True(updated.Succeeded);
        var row = Assert.Single(await app.Get<DirectoryListings>().Organizations(await Admin()), o => o.Id == created.Value);
        Assert.Equal((name + " East", OrganizationKind.CommunitySupport, "info@example.org"), (row.Name, row.Kind, row.Email));
    }

    [Fact]
    public async Task AnOrganization_WithBadInput_NamesEachField_AndIsNotStored()
    {
        var result = await app.Get<SaveOrganization.Handler>().Handle(await Admin(), new SaveOrganization.Command
        {
            RegionId = await RegionId(),
            Name = " ",
            Phone = "12",
            Email = "no-at-sign",
        });
        Assert.Equal(["Email", "Name", "Phone"], result.Violations.Select(v => v.Field).Order());
        await using var db = app.NewDb();
        Assert.False(await db.Organizations.AnyAsync(o => o.Email == "no-at-sign"));
    }

    [Fact]
    public async Task AnOrganization_InAnUnknownRegion_IsRefused()
    {
        var result = await app.Get<SaveOrganization.Handler>().Handle(await Admin(), new SaveOrganization.Command { RegionId = Guid.NewGuid(), Name = "Nowhere Clinic" });
        Assert.Equal("RegionId", Assert.Single(result.Violations).Field);
    }

    [Fact]
    public async Task AProvider_IsStored_AndBadInputIsRefusedAtItsField()
    {
        var organization = await app.Get<SaveOrganization.Handler>().Handle(await Admin(), new SaveOrganization.Command { RegionId = await RegionId(), Name = "Provider Test Clinic", Kind = OrganizationKind.PrimaryCare });
        var handler = app.Get<SaveProvider.Handler>();
        var good = await handler.Handle(await Admin(), new SaveProvider.Command { OrganizationId = organization.Value, GivenName = "Amara", FamilyName = "Okafor", Profession = Profession.FamilyPhysician, Email = "amara@example.org" });
        Assert.True(good.Succeeded);

        var noOrganization = await handler.Handle(await Admin(), new SaveProvider.Command { GivenName = "Ben", FamilyName = "Roy", Profession = Profession.Pharmacist });
        Assert.Equal("OrganizationId", Assert.Single(noOrganization.Violations).Field);
        var unknownOrganization = await handler.Handle(await Admin(), new SaveProvider.Command { OrganizationId = Guid.NewGuid(), GivenName = "Ben", FamilyName = "Roy" });
        Assert.Equal("OrganizationId", Assert.Single(unknownOrganization.Violations).Field);
        var tooLong = await handler.Handle(await Admin(), new SaveProvider.Command { OrganizationId = organization.Value, GivenName = new string('x', 101), FamilyName = "Roy" });
        Assert.Equal(("GivenName", Rules.TooLong), (tooLong.Violations[0].Field, tooLong.Violations[0].Code));

        await using var db = app.NewDb();
        Assert.False(await db.Providers.AnyAsync(p => p.FamilyName == "Roy"));
        Assert.True(await db.Providers.AnyAsync(p => p.Id == good.Value && p.Email == "amara@example.org"));
    }

    [Fact]
    public async Task AHealthLinkName_MustBeUnique_AndPresent()
    {
        var handler = app.Get<SaveHealthLink.Handler>();
        var name = "North Health Link " + Guid.NewGuid().ToString("N")[..6];
        Assert.True((await handler.Handle(await Admin(), new SaveHealthLink.Command { RegionId = await RegionId(), Name = name })).Succeeded);
        var duplicate = await handler.Handle(await Admin(), new SaveHealthLink.Command { RegionId = await RegionId(), Name = name });
        Assert.Equal(("Name", Rules.DuplicateName), (duplicate.Violations[0].Field, duplicate.Violations[0].Code));
        var empty = await handler.Handle(await Admin(), new SaveHealthLink.Command { RegionId = await RegionId(), Name = "" });
        Assert.Equal(("Name", Rules.Required), (empty.Violations[0].Field, empty.Violations[0].Code));
        await using var db = app.NewDb();
        Assert.Equal(1, await db.HealthLinks.CountAsync(h => h.Name == name));
    }

    [Fact]
    public async Task AnAdministrator_SeesAndKeepsTheirOwnRegionsDirectory_Only()
    {
        Guid otherRegion, otherLink, otherOrganization;
        await using (var db = app.NewDb())
        {
            var region = new Region("Elsewhere " + Guid.NewGuid().ToString("N")[..6]);
            var link = new HealthLink(region.Id, "Elsewhere Health Link " + Guid.NewGuid().ToString("N")[..6]);
            var organization = new Organization(region.Id, "Elsewhere Clinic", OrganizationKind.PrimaryCare);
            db.AddRange(region, link, organization, new Provider(organization.Id, "Elle", "Ailleurs", Profession.Pharmacist));
            await db.SaveChangesAsync();
            (otherRegion, otherLink, otherOrganization) = (region.Id, link.Id, organization.Id);
        }

        var admin = await Admin();
        var listings = app.Get<DirectoryListings>();
        Assert.DoesNotContain(await listings.Regions(admin), r => r.Id == otherRegion);
        Assert.DoesNotContain(await listings.HealthLinks(admin), h => h.Id == otherLink);
        Assert.DoesNotContain(await listings.Organizations(admin), o => o.Id == otherOrganization);
        Assert.DoesNotContain(await listings.Providers(admin), p => p.OrganizationId == otherOrganization);
        var own = Assert.Single(await listings.Regions(admin));
        Assert.Equal(await RegionId(), own.Id);
        Assert.All(await listings.Organizations(admin), o => Assert.Equal(own.Name, o.Region));
        Assert.Contains(await listings.HealthLinks(AccountRights.CommandLine), h => h.Id == otherLink); // the installer sees every region

        var rename = await app.Get<SaveOrganization.Handler>().Handle(admin, new SaveOrganization.Command { Id = otherOrganization, Name = "Taken over" });
        Assert.Equal(("Id", Rules.NotAllowed), (rename.Violations[0].Field, rename.Violations[0].Code));
        var create = await app.Get<SaveOrganization.Handler>().Handle(admin, new SaveOrganization.Command { RegionId = otherRegion, Name = "Planted Clinic" });
        Assert.Equal(("RegionId", Rules.NotAllowed), (create.Violations[0].Field, create.Violations[0].Code));
        var provider = await app.Get<SaveProvider.Handler>().Handle(admin, new SaveProvider.Command { OrganizationId = otherOrganization, GivenName = "Pat", FamilyName = "Planted" });
        Assert.Equal(("OrganizationId", Rules.NotAllowed), (provider.Violations[0].Field, provider.Violations[0].Code));
        var link2 = await app.Get<SaveHealthLink.Handler>().Handle(admin, new SaveHealthLink.Command { Id = otherLink, Name = "Renamed" });
        Assert.Equal(("Id", Rules.NotAllowed), (link2.Violations[0].Field, link2.Violations[0].Code));

        await using (var db = app.NewDb())
        {
            Assert.Equal("Elsewhere Clinic", await db.Organizations.Where(o => o.Id == otherOrganization).Select(o => o.Name).SingleAsync());
            Assert.False(await db.Organizations.AnyAsync(o => o.Name == "Planted Clinic"));
            Assert.False(await db.Providers.AnyAsync(p => p.FamilyName == "Planted"));
        }
    }

    /// <summary>An administrator of the first Health Link, in <see cref="RegionId"/>.</summary>
    private async Task<Infrastructure.Privacy.Viewer> Admin()
    {
        await using var db = app.NewDb();
        var link = await db.HealthLinks.OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();
        return await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.HealthLinkAdmin, healthLink: link));
    }

    /// <summary>The region of the first Health Link.</summary>
    private async Task<Guid> RegionId()
    {
        await using var db = app.NewDb();
        return await db.HealthLinks.OrderBy(h => h.Id).Select(h => h.RegionId).FirstAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAdministrationTests(SqliteApp app) : AdministrationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAdministrationTests(PostgresApp app) : AdministrationTests(app);
