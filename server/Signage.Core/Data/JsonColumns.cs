using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Contracts.Manifests;

namespace Signage.Core.Data;

public static class JsonColumns
{
    /// <summary>Stores a list of records as one jsonb value, in the manifest's JSON form, compared by its elements.</summary>
    public static PropertyBuilder<List<T>> IsJsonList<T>(this PropertyBuilder<List<T>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, ManifestCanonical.Options),
            v => JsonSerializer.Deserialize<List<T>>(v, ManifestCanonical.Options) ?? new List<T>(),
            new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, e) => HashCode.Combine(h, e)), v => v.ToList()));
}
