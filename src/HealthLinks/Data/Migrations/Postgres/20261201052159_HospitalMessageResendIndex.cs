using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HospitalMessageResendIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HospitalMessages_Sender_ControlId_Ack",
                table: "HospitalMessages");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_Sender_ControlId_ContentHash",
                table: "HospitalMessages",
                columns: new[] { "Sender", "ControlId", "ContentHash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HospitalMessages_Sender_ControlId_ContentHash",
                table: "HospitalMessages");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_Sender_ControlId_Ack",
                table: "HospitalMessages",
                columns: new[] { "Sender", "ControlId", "Ack" });
        }
    }
}
