using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TwoFactorRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiresTwoFactor",
                table: "HealthLinks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequiresTwoFactor",
                table: "HealthLinks");
        }
    }
}
