using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertTemplatesAndStreet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HiddenFromStreet",
                schema: "signage",
                table: "Announcements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PrerenderedSlides",
                schema: "signage",
                columns: table => new
                {
                    RenderKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssetSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrerenderedSlides", x => x.RenderKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrerenderedSlides",
                schema: "signage");

            migrationBuilder.DropColumn(
                name: "HiddenFromStreet",
                schema: "signage",
                table: "Announcements");
        }
    }
}
