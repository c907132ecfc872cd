using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DiedOn",
                table: "Patients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ScreeningRuleSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HealthLinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CriteriaJson = table.Column<string>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRuleSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningRuleSets_HealthLinks_HealthLinkId",
                        column: x => x.HealthLinkId,
                        principalTable: "HealthLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HealthLinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RuleVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    RanBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RanAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Screened = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningRuns_HealthLinks_HealthLinkId",
                        column: x => x.HealthLinkId,
                        principalTable: "HealthLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EdVisits12m = table.Column<int>(type: "INTEGER", nullable: false),
                    Admissions12m = table.Column<int>(type: "INTEGER", nullable: false),
                    ChronicConditions = table.Column<int>(type: "INTEGER", nullable: false),
                    DistinctProviders = table.Column<int>(type: "INTEGER", nullable: false),
                    Criteria = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: false),
                    IsNewCandidate = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningResults_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScreeningResults_ScreeningRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ScreeningRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningResults_PatientId",
                table: "ScreeningResults",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningResults_RunId_PatientId",
                table: "ScreeningResults",
                columns: new[] { "RunId", "PatientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningRuleSets_HealthLinkId_Version",
                table: "ScreeningRuleSets",
                columns: new[] { "HealthLinkId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningRuns_HealthLinkId_RanAt",
                table: "ScreeningRuns",
                columns: new[] { "HealthLinkId", "RanAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScreeningResults");

            migrationBuilder.DropTable(
                name: "ScreeningRuleSets");

            migrationBuilder.DropTable(
                name: "ScreeningRuns");

            migrationBuilder.DropColumn(
                name: "DiedOn",
                table: "Patients");
        }
    }
}
