using System.Security.Cryptography;
using System.Text;

namespace Signage.Core.Screens;

public static class DeviceToken
{
    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Tokens are 256 random bits, so a plain SHA-256 is enough: no dictionary to guess from.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
