using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Signage.TestSupport;

/// <summary>CAP 1.2 messages as a prefecture's system sends them.</summary>
public static class CapMessages
{
    public static string NewId() => $"FR-{Guid.NewGuid():N}";

    public static string Message(DateTimeOffset now, string id, string msgType, string ev, TimeSpan? expiresIn = null, string status = "Actual",
        string? references = null, string headline = "Alerte", string description = "Suivez les consignes.")
    {
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        return $"""
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{id}</identifier>
              <sender>prefecture@interieur.gouv.fr</sender>
              <sent>{now.ToOffset(TimeSpan.FromHours(1)):yyyy-MM-ddTHH:mm:sszzz}</sent>
              <status>{status}</status>
              <msgType>{msgType}</msgType>
              <scope>Public</scope>
              {(references is null ? "" : $"<references>{references}</references>")}
              <info>
                <language>fr-FR</language>
                <category>Safety</category>
                <event>{ev}</event>
                <urgency>Immediate</urgency>
                <severity>Extreme</severity>
                <certainty>Observed</certainty>
                <expires>{expires.ToOffset(TimeSpan.FromHours(1)):yyyy-MM-ddTHH:mm:sszzz}</expires>
                <headline>{headline}</headline>
                <description>{description}</description>
              </info>
            </alert>
            """;
    }

    /// <summary>An enveloped XML signature over the whole message, as CAP 1.2 (section 3.3.2.1) describes.</summary>
    public static string Sign(string xml, RSA key)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var signed = new SignedXml(document) { SigningKey = key };
        var reference = new Reference("");
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
        return document.OuterXml;
    }
}
