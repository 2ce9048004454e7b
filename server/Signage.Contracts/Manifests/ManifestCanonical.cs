using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signage.Contracts.Manifests;

/// <summary>
/// The one JSON form of manifests used on the wire, on disk and for hashing: camelCase, enums as
/// strings, no indentation, properties in declaration order. Server and player hash the same bytes.
/// </summary>
public static class ManifestCanonical
{
    /// <summary>Serializer options for manifests everywhere.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Canonical UTF-8 JSON of a manifest body.</summary>
    public static byte[] Serialize(ManifestBody body) => JsonSerializer.SerializeToUtf8Bytes(body, Options);

    /// <summary>Lower-case hex SHA-256 of the canonical form.</summary>
    public static string Hash(ManifestBody body) => Hash(Serialize(body));

    /// <summary>Lower-case hex SHA-256 of canonical bytes already serialized with <see cref="Serialize"/>.</summary>
    public static string Hash(byte[] canonical) => Convert.ToHexStringLower(SHA256.HashData(canonical));

    /// <summary>True when <paramref name="manifest"/>'s hash matches its body.</summary>
    public static bool IsIntact(ScreenManifest manifest) => manifest.Hash == Hash(manifest.Body);

    static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
