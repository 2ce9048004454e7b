using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SitePower : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ClosedOnPublicHolidays",
                schema: "signage",
                table: "Sites",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                schema: "signage",
                table: "Sites",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "SiteClosures",
                schema: "signage",
                columns: table => new
                {
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteClosures", x => new { x.SiteId, x.Date });
                    table.ForeignKey(
                        name: "FK_SiteClosures_Sites_SiteId",
                        column: x => x.SiteId,
                        principalSchema: "signage",
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SiteClosures",
                schema: "signage");

            migrationBuilder.DropColumn(
                name: "ClosedOnPublicHolidays",
                schema: "signage",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "OpeningHours",
                schema: "signage",
                table: "Sites");
        }
    }
}
