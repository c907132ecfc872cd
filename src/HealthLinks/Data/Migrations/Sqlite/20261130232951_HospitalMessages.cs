using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HospitalMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ScreeningResults",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HospitalMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SenderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ControlId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Event = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Ack = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    AckText = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Resent = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowedUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowedUpAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HospitalMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MessageSenders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FacilityCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HealthLinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AllowedAddresses = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageSenders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageSenders_HealthLinks_HealthLinkId",
                        column: x => x.HealthLinkId,
                        principalTable: "HealthLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MessageSenders_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_Accepted",
                table: "HospitalMessages",
                columns: new[] { "Sender", "ControlId" },
                unique: true,
                filter: "\"Ack\" = 'AA'");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_FollowedUp",
                table: "HospitalMessages",
                column: "FollowedUp",
                filter: "\"Ack\" = 'AA'");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_PatientId",
                table: "HospitalMessages",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_ReceivedAt",
                table: "HospitalMessages",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_Sender_ControlId_Ack",
                table: "HospitalMessages",
                columns: new[] { "Sender", "ControlId", "Ack" });

            migrationBuilder.CreateIndex(
                name: "IX_HospitalMessages_SenderId_ReceivedAt",
                table: "HospitalMessages",
                columns: new[] { "SenderId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageSenders_FacilityCode",
                table: "MessageSenders",
                column: "FacilityCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageSenders_HealthLinkId",
                table: "MessageSenders",
                column: "HealthLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageSenders_OrganizationId",
                table: "MessageSenders",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HospitalMessages");

            migrationBuilder.DropTable(
                name: "MessageSenders");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "ScreeningResults");
        }
    }
}
