using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<float>(
                name: "Score",
                table: "ScreeningResults",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RiskModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainedAsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TrainedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Auc = table.Column<double>(type: "REAL", nullable: false),
                    TrainingPatients = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutPatients = table.Column<int>(type: "INTEGER", nullable: false),
                    Positives = table.Column<int>(type: "INTEGER", nullable: false),
                    Model = table.Column<byte[]>(type: "BLOB", nullable: false),
                    StandardizationJson = table.Column<string>(type: "TEXT", nullable: false),
                    WeightsJson = table.Column<string>(type: "TEXT", nullable: false)
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
