using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Signage.Core.Data.Migrations
{
    /// <summary>
    /// The audit log refuses UPDATE, TRUNCATE and DELETE; the one exception is the retention purge, which names in its
    /// own transaction the instant before which rows may go (<c>signage.audit_purge_before</c>), so that even it cannot
    /// delete a recent row.
    /// </summary>
    [DbContext(typeof(SignageDb))]
    [Migration("20261203093000_AuditAppendOnly")]
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION signage.audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE'
                        AND OLD."At" < NULLIF(current_setting('signage.audit_purge_before', true), '')::timestamptz THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'The audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON signage."AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION signage.audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON signage."AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION signage.audit_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON signage."AuditEntries";
                DROP TRIGGER audit_entries_append_only ON signage."AuditEntries";
                DROP FUNCTION signage.audit_entries_append_only();
                """);
        }
    }
}
