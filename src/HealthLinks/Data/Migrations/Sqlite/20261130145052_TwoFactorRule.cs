using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
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
                type: "INTEGER",
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
