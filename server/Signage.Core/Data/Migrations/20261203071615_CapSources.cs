using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CapSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CapSources",
                schema: "signage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublicKeyPem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapSources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CapMessages",
                schema: "signage",
                columns: table => new
                {
                    Sender = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Identifier = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    MsgType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapMessages", x => new { x.Sender, x.Identifier });
                    table.ForeignKey(
                        name: "FK_CapMessages_CapSources_SourceId",
                        column: x => x.SourceId,
                        principalSchema: "signage",
                        principalTable: "CapSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapRules",
                schema: "signage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Event = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Template = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Targets = table.Column<string>(type: "jsonb", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapRules_CapSources_SourceId",
                        column: x => x.SourceId,
                        principalSchema: "signage",
                        principalTable: "CapSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapMessages_SourceId",
                schema: "signage",
                table: "CapMessages",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_CapRules_SourceId",
                schema: "signage",
                table: "CapRules",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_CapSources_KeyHash",
                schema: "signage",
                table: "CapSources",
                column: "KeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CapMessages",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "CapRules",
                schema: "signage");

            migrationBuilder.DropTable(
                name: "CapSources",
                schema: "signage");
        }
    }
}
