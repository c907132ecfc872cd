using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareTeamRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsMainContact",
                table: "CareTeamMembers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LeftReason",
                table: "CareTeamMembers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamRole",
                table: "CareTeamMembers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // Members added before the list: the lead, the patient and the demo's roles take their place on it.
            migrationBuilder.Sql(@"UPDATE ""CareTeamMembers"" SET ""TeamRole"" = CASE
                WHEN ""IsLead"" = TRUE THEN 'LeadCareCoordinator'
                WHEN ""Kind"" = 'Patient' THEN 'Patient'
                WHEN ""Kind"" = 'RelatedPerson' THEN 'Caregiver'
                WHEN ""Role"" = 'Family physician' THEN 'FamilyPhysician'
                WHEN ""Role"" = 'Pharmacist' THEN 'Pharmacist'
                WHEN ""Role"" = 'Specialist' THEN 'Specialist'
                WHEN ""Role"" = 'Home care' THEN 'HomeCareCoordinator'
                ELSE NULL END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsMainContact",
                table: "CareTeamMembers");

            migrationBuilder.DropColumn(
                name: "LeftReason",
                table: "CareTeamMembers");

            migrationBuilder.DropColumn(
                name: "TeamRole",
                table: "CareTeamMembers");
        }
    }
}
