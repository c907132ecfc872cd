using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuarterlyPlanTarget",
                table: "HealthLinks",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CarePlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                INSERT INTO "PlanReviews" ("Id", "CarePlanId", "PatientId", "At", "By") SELECT gen_random_uuid(), "Id", "PatientId", "LastReviewedAt", coalesce("LastReviewedBy", '') FROM "CarePlans" WHERE "LastReviewedAt" IS NOT NULL
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
