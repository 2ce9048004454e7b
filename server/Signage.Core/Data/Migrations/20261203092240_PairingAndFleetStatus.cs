using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PairingAndFleetStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PairingCodes",
                schema: "signage",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ScreenId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairingCodes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ScreenStatuses",
                schema: "signage",
                columns: table => new
                {
                    ScreenId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ShowingItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    ManifestVersion = table.Column<long>(type: "bigint", nullable: true),
                    CacheBytes = table.Column<long>(type: "bigint", nullable: false),
                    FreeDiskBytes = table.Column<long>(type: "bigint", nullable: false),
                    AgentVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UptimeSeconds = table.Column<double>(type: "double precision", nullable: false),
                    DisplayOn = table.Column<bool>(type: "boolean", nullable: false),
                    ClockOffsetSeconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreenStatuses", x => x.ScreenId);
                    table.ForeignKey(
                        name: "FK_ScreenStatuses_Screens_ScreenId",
                        column: x => x.ScreenId,
                        principalSchema: "signage",
                        principalTable: "Screens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PairingCodes_Address_ExpiresAt",
                schema: "signage",
                table: "PairingCodes",
                columns: new[] { "Address", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PairingCodes",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "ScreenStatuses",
                schema: "signage");
        }
    }
}
