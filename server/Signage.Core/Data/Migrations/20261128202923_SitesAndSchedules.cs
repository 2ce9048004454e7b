using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SitesAndSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Audience",
                schema: "signage",
                table: "Screens",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Public");

            migrationBuilder.AddColumn<Guid>(
                name: "SiteId",
                schema: "signage",
                table: "Screens",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<double>(
                name: "ViewingDistanceMeters",
                schema: "signage",
                table: "Screens",
                type: "double precision",
                nullable: false,
                defaultValue: 3.0);

            migrationBuilder.AddColumn<bool>(
                name: "VisibleFromStreet",
                schema: "signage",
                table: "Screens",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                schema: "signage",
                table: "Announcements",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Public");

            migrationBuilder.CreateTable(
                name: "ScheduleEntries",
                schema: "signage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AnnouncementId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Days = table.Column<int[]>(type: "integer[]", nullable: false),
                    Times = table.Column<string>(type: "jsonb", nullable: false),
                    Tier = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    DurationSeconds = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduleEntries_Announcements_AnnouncementId",
                        column: x => x.AnnouncementId,
                        principalSchema: "signage",
                        principalTable: "Announcements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Sites",
                schema: "signage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleTargets",
                schema: "signage",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleTargets", x => new { x.EntryId, x.Kind, x.TargetId });
                    table.ForeignKey(
                        name: "FK_ScheduleTargets_ScheduleEntries_EntryId",
                        column: x => x.EntryId,
                        principalSchema: "signage",
                        principalTable: "ScheduleEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Screens_SiteId",
                schema: "signage",
                table: "Screens",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleEntries_AnnouncementId",
                schema: "signage",
                table: "ScheduleEntries",
                column: "AnnouncementId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleTargets_TargetId",
                schema: "signage",
                table: "ScheduleTargets",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_Sites_Name",
                schema: "signage",
                table: "Sites",
                column: "Name",
                unique: true);

            // Existing screens join a default site in Europe/Paris; each published announcement keeps
            // playing on its group through a schedule entry with no window.
            migrationBuilder.Sql("""
                INSERT INTO signage."Sites" ("Id", "Name", "TimeZone")
                SELECT '5a1e0000-0000-4000-8000-000000000001', 'Site principal', 'Europe/Paris'
                WHERE EXISTS (SELECT 1 FROM signage."Screens");
                UPDATE signage."Screens" SET "SiteId" = '5a1e0000-0000-4000-8000-000000000001';
                INSERT INTO signage."ScheduleEntries" ("Id", "AnnouncementId", "Days", "Times", "Tier", "Weight", "DurationSeconds", "CreatedBy", "CreatedAt")
                SELECT a."Id", a."Id", '{}', '[]', 'Scheduled', 1, a."DurationSeconds", a."CreatedBy", a."CreatedAt" FROM signage."Announcements" a;
                INSERT INTO signage."ScheduleTargets" ("EntryId", "Kind", "TargetId")
                SELECT a."Id", 'Group', a."GroupId" FROM signage."Announcements" a;
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Announcements_ScreenGroups_GroupId",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.DropIndex(
                name: "IX_Announcements_GroupId_Status",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "GroupId",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.AddForeignKey(
                name: "FK_Screens_Sites_SiteId",
                schema: "signage",
                table: "Screens",
                column: "SiteId",
                principalSchema: "signage",
                principalTable: "Sites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Screens_Sites_SiteId",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropTable(
                name: "ScheduleTargets",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "Sites",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "ScheduleEntries",
                schema: "signage");

            migrationBuilder.DropIndex(
                name: "IX_Screens_SiteId",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "Audience",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "SiteId",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "ViewingDistanceMeters",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "VisibleFromStreet",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "Audience",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                schema: "signage",
                table: "Screens",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                schema: "signage",
                table: "Announcements",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_GroupId_Status",
                schema: "signage",
                table: "Announcements",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.AddForeignKey(
                name: "FK_Announcements_ScreenGroups_GroupId",
                schema: "signage",
                table: "Announcements",
                column: "GroupId",
                principalSchema: "signage",
                principalTable: "ScreenGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
