using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    VideoLink = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OrganizerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizerEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Notes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AgreedPlanVersion = table.Column<int>(type: "integer", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChangeoverOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RespondedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    CarePlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                    Goal = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    What = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ResponsibleMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    PatientIsResponsible = table.Column<bool>(type: "boolean", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    ReferralService = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReferralStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentReminders", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ConferenceDecision",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConferenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    Attended = table.Column<bool>(type: "boolean", nullable: true)
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
