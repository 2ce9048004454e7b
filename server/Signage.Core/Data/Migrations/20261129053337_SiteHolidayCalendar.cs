using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SiteHolidayCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Holidays",
                schema: "signage",
                table: "Sites",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Metropole");

            // Existing overseas sites get their territory's holiday, as new sites do from their time zone.
            migrationBuilder.Sql("""
                UPDATE signage."Sites" SET "Holidays" = CASE "TimeZone"
                    WHEN 'America/Guadeloupe' THEN 'Guadeloupe'
                    WHEN 'America/Martinique' THEN 'Martinique'
                    WHEN 'America/Cayenne' THEN 'Guyane'
                    WHEN 'Indian/Reunion' THEN 'Reunion'
                    WHEN 'Indian/Mayotte' THEN 'Mayotte'
                    WHEN 'America/Marigot' THEN 'SaintMartin'
                    WHEN 'America/St_Barthelemy' THEN 'SaintBarthelemy'
                    ELSE 'Metropole' END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Holidays",
                schema: "signage",
                table: "Sites");
        }
    }
}
