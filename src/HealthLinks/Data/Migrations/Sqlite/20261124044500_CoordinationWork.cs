using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoordinationWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareConferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    VideoLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OrganizerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AgreedPlanVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareConferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareConferences_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LeadHandOffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ChangeoverOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RespondedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadHandOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadHandOffs_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LeadHandOffs_Providers_FromProviderId",
                        column: x => x.FromProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LeadHandOffs_Providers_ToProviderId",
                        column: x => x.ToProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanActions",
                columns: table => new
                {
                    CarePlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResponsibleMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PatientIsResponsible = table.Column<bool>(type: "INTEGER", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferralService = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReferralStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanActions", x => new { x.CarePlanId, x.ActionId });
                    table.ForeignKey(
                        name: "FK_PlanActions_CarePlans_CarePlanId",
                        column: x => x.CarePlanId,
                        principalTable: "CarePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SentReminders",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentReminders", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceDecision",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceDecision", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceDecision_CareConferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "CareConferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceInvitee",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceInvitee", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceInvitee_CareConferences_ConferenceId",
                        column: x => x.ConferenceId,
                        principalTable: "CareConferences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CareConferences_PatientId_StartsAt",
                table: "CareConferences",
                columns: new[] { "PatientId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CareConferences_StartsAt",
                table: "CareConferences",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceDecision_ConferenceId",
                table: "ConferenceDecision",
                column: "ConferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceInvitee_ConferenceId",
                table: "ConferenceInvitee",
                column: "ConferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceInvitee_Email",
                table: "ConferenceInvitee",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_LeadHandOffs_FromProviderId",
                table: "LeadHandOffs",
                column: "FromProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadHandOffs_PatientId_ProposedAt",
                table: "LeadHandOffs",
                columns: new[] { "PatientId", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadHandOffs_ToProviderId_Status",
                table: "LeadHandOffs",
                columns: new[] { "ToProviderId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanActions_IsOpen_TargetDate",
                table: "PlanActions",
                columns: new[] { "IsOpen", "TargetDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanActions_PatientId_IsOpen",
                table: "PlanActions",
                columns: new[] { "PatientId", "IsOpen" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanActions_ResponsibleMemberId_IsOpen",
                table: "PlanActions",
                columns: new[] { "ResponsibleMemberId", "IsOpen" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConferenceDecision");

            migrationBuilder.DropTable(
                name: "ConferenceInvitee");

            migrationBuilder.DropTable(
                name: "LeadHandOffs");

            migrationBuilder.DropTable(
                name: "PlanActions");

            migrationBuilder.DropTable(
                name: "SentReminders");

            migrationBuilder.DropTable(
                name: "CareConferences");
        }
    }
}
