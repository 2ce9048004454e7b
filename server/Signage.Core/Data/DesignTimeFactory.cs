using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Signage.Core.Data;

/// <summary>Lets `dotnet ef` build the model without a running server or database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SignageDb>
{
    public SignageDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SignageDb>().UseNpgsql("Host=localhost;Database=signage_design").Options);
}
