using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContentAndMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "DiagonalInches",
                schema: "signage",
                table: "Screens",
                type: "double precision",
                nullable: false,
                defaultValue: 55.0);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                schema: "signage",
                table: "Announcements",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Information");

            migrationBuilder.AddColumn<string>(
                name: "ImageSha256",
                schema: "signage",
                table: "Announcements",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                schema: "signage",
                table: "Announcements",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Template",
                schema: "signage",
                table: "Announcements",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "bandeau");

            migrationBuilder.CreateTable(
                name: "MediaItems",
                schema: "signage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    DurationSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Renditions",
                schema: "signage",
                columns: table => new
                {
                    AnnouncementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    RenderKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssetSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MinimumSeconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Renditions", x => new { x.AnnouncementId, x.Width, x.Height });
                    table.ForeignKey(
                        name: "FK_Renditions_Announcements_AnnouncementId",
                        column: x => x.AnnouncementId,
                        principalSchema: "signage",
                        principalTable: "Announcements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Themes",
                schema: "signage",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Primary = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Accent = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    LogoSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Themes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MediaItems_Sha256",
                schema: "signage",
                table: "MediaItems",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Renditions_RenderKey",
                schema: "signage",
                table: "Renditions",
                column: "RenderKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MediaItems",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "Renditions",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "Themes",
                schema: "signage");

            migrationBuilder.DropColumn(
                name: "DiagonalInches",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "Category",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.DropColumn(
                name: "ImageSha256",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.DropColumn(
                name: "Link",
                schema: "signage",
                table: "Announcements");

            migrationBuilder.DropColumn(
                name: "Template",
                schema: "signage",
                table: "Announcements");
        }
    }
}
