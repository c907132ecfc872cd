using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExperienceSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExperienceSurveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    HealthLinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LinkHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LinkExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    KnowWhoToCall = table.Column<int>(type: "integer", nullable: true),
                    AskedWhatMatters = table.Column<int>(type: "integer", nullable: true),
                    OnePlan = table.Column<int>(type: "integer", nullable: true),
                    NoRepeating = table.Column<int>(type: "integer", nullable: true),
                    Involved = table.Column<int>(type: "integer", nullable: true),
                    HelpWhenNeeded = table.Column<int>(type: "integer", nullable: true),
                    Overall = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperienceSurveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperienceSurveys_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceSurveys_HealthLinkId_CreatedAt",
                table: "ExperienceSurveys",
                columns: new[] { "HealthLinkId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceSurveys_LinkHash",
                table: "ExperienceSurveys",
                column: "LinkHash");

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceSurveys_PatientId_DueOn",
                table: "ExperienceSurveys",
                columns: new[] { "PatientId", "DueOn" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExperienceSurveys");
        }
    }
}
