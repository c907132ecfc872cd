using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthLinks.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegionalServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceCategories_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntegrationBriefNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationBriefNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrationBriefNotes_ServiceCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ServiceCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServicePerformances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Actual = table.Column<double>(type: "REAL", nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: false),
                    LowerLimit = table.Column<double>(type: "REAL", nullable: false),
                    UpperLimit = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServicePerformances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServicePerformances_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServicePerformances_ServiceCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ServiceCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceVolumes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Funding = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    IndividualsServed = table.Column<int>(type: "INTEGER", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceVolumes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceVolumes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceVolumes_ServiceCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ServiceCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationBriefNotes_CategoryId",
                table: "IntegrationBriefNotes",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationBriefNotes_RegionId_CategoryId_Quarter",
                table: "IntegrationBriefNotes",
                columns: new[] { "RegionId", "CategoryId", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCategories_RegionId_Name",
                table: "ServiceCategories",
                columns: new[] { "RegionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServicePerformances_CategoryId",
                table: "ServicePerformances",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ServicePerformances_OrganizationId",
                table: "ServicePerformances",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ServicePerformances_RegionId_Quarter_OrganizationId_CategoryId_Indicator",
                table: "ServicePerformances",
                columns: new[] { "RegionId", "Quarter", "OrganizationId", "CategoryId", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVolumes_CategoryId",
                table: "ServiceVolumes",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVolumes_OrganizationId",
                table: "ServiceVolumes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceVolumes_RegionId_Quarter_OrganizationId_CategoryId",
                table: "ServiceVolumes",
                columns: new[] { "RegionId", "Quarter", "OrganizationId", "CategoryId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntegrationBriefNotes");

            migrationBuilder.DropTable(
                name: "ServicePerformances");

            migrationBuilder.DropTable(
                name: "ServiceVolumes");

            migrationBuilder.DropTable(
                name: "ServiceCategories");
        }
    }
}
