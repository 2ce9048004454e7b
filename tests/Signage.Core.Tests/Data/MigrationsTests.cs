using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;

namespace Signage.Core.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void TheMigrationsMatchTheModelSoNoMigrationIsMissing()
    {
        using var db = new SignageDb(new DbContextOptionsBuilder<SignageDb>().UseNpgsql("Host=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration holds: add one with dotnet ef migrations add.");
    }
}
