using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RiskModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DriversJson",
                table: "ScreeningResults",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<float>(
                name: "Score",
                table: "ScreeningResults",
                type: "real",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RiskModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    TrainedAsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    TrainedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Auc = table.Column<double>(type: "double precision", nullable: false),
                    TrainingPatients = table.Column<int>(type: "integer", nullable: false),
                    HeldOutPatients = table.Column<int>(type: "integer", nullable: false),
                    Positives = table.Column<int>(type: "integer", nullable: false),
                    Model = table.Column<byte[]>(type: "bytea", nullable: false),
                    StandardizationJson = table.Column<string>(type: "text", nullable: false),
                    WeightsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RiskModels_Version",
                table: "RiskModels",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RiskModels");

            migrationBuilder.DropColumn(
                name: "DriversJson",
                table: "ScreeningResults");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "ScreeningResults");
        }
    }
}
