using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScreenGroupMembership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "GroupIds",
                schema: "signage",
                table: "Screens",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            // Every screen keeps the group it had.
            migrationBuilder.Sql("UPDATE signage.\"Screens\" SET \"GroupIds\" = ARRAY[\"GroupId\"]");

            migrationBuilder.DropForeignKey(
                name: "FK_Screens_ScreenGroups_GroupId",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropIndex(
                name: "IX_Screens_GroupId",
                schema: "signage",
                table: "Screens");

            migrationBuilder.DropColumn(
                name: "GroupId",
                schema: "signage",
                table: "Screens");

            migrationBuilder.CreateIndex(
                name: "IX_Screens_GroupIds",
                schema: "signage",
                table: "Screens",
                column: "GroupIds")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Screens_GroupIds",
                schema: "signage",
                table: "Screens");

            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                schema: "signage",
                table: "Screens",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.Sql("UPDATE signage.\"Screens\" SET \"GroupId\" = \"GroupIds\"[1]");

            migrationBuilder.DropColumn(
                name: "GroupIds",
                schema: "signage",
                table: "Screens");

            migrationBuilder.CreateIndex(
                name: "IX_Screens_GroupId",
                schema: "signage",
                table: "Screens",
                column: "GroupId");

            migrationBuilder.AddForeignKey(
                name: "FK_Screens_ScreenGroups_GroupId",
                schema: "signage",
                table: "Screens",
                column: "GroupId",
                principalSchema: "signage",
                principalTable: "ScreenGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
