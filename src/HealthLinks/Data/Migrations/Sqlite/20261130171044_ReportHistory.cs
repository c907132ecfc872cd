using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DoneAt",
                table: "PlanActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuarterlyPlanTarget",
                table: "HealthLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CarePlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanReviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanReviews_At",
                table: "PlanReviews",
                column: "At");

            // What was recorded before: done actions count as done when last changed; each plan's last review is its one review.
            migrationBuilder.Sql("""
                UPDATE "PlanActions" SET "DoneAt" = "UpdatedAt" WHERE "Status" = 'Done'
                """);
            migrationBuilder.Sql("""
                INSERT INTO "PlanReviews" ("Id", "CarePlanId", "PatientId", "At", "By") SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21)), "Id", "PatientId", "LastReviewedAt", coalesce("LastReviewedBy", '') FROM (SELECT hex(randomblob(16)) AS h, * FROM "CarePlans" WHERE "LastReviewedAt" IS NOT NULL)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanReviews");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "PlanActions");

            migrationBuilder.DropColumn(
                name: "QuarterlyPlanTarget",
                table: "HealthLinks");
        }
    }
}
