import Crypto
import Foundation
import MutasiDomain

/// A signed record of every chain's head at one moment, kept outside the database. Whoever can
/// write to the database cannot forge one without the private key, so history up to a
/// checkpoint cannot be rewritten (even re-hashed consistently) or cut off unnoticed.
///
/// The file is a JSON object `{"algorithm": "Ed25519", "keyId": HEX, "payload": TEXT,
/// "signature": BASE64}`. The signature covers exactly the UTF-8 bytes of `payload`, which is
/// itself compact JSON with sorted keys: `{"chains": [{"hash", "scope", "seq"}...],
/// "createdAt": ISO 8601, "format": "mutasi-audit-checkpoint/1"}`. `keyId` is the SHA-256 of the
/// raw 32-byte public key, in hex.
public struct AuditCheckpoint: Sendable, Equatable {
    public static let format = "mutasi-audit-checkpoint/1"

    public var createdAt: Date
    public var chains: [AuditHead]

    public init(createdAt: Date, chains: [AuditHead]) {
        self.createdAt = createdAt
        self.chains = chains.sorted { $0.scope.description < $1.scope.description }
    }

    struct Payload: Codable {
        var format: String
        var createdAt: Date
        var chains: [AuditHead]
    }

    struct Envelope: Codable {
        var algorithm: String
        var keyId: String
        var payload: String
        var signature: String
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The signed file's bytes.
    public func signed(with key: Curve25519.Signing.PrivateKey) throws -> Data {
        let payload = Payload(format: Self.format, createdAt: createdAt, chains: chains)
        let text = String(decoding: try Self.encoder(pretty: false).encode(payload), as: UTF8.self)
        let signature = try key.signature(for: Data(text.utf8))
        let envelope = Envelope(algorithm: "Ed25519", keyId: AuditSigningKey.keyID(key.publicKey), payload: text,
                                signature: signature.base64EncodedString())
        return try Self.encoder(pretty: true).encode(envelope) + Data("\n".utf8)
    }

    /// Reads a signed file, refusing it unless the signature is valid for `key`.
    public static func verified(_ data: Data, key: Curve25519.Signing.PublicKey) throws -> AuditCheckpoint {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data) else {
            throw refused("The checkpoint file is not a signed checkpoint.")
        }
        guard envelope.keyId == AuditSigningKey.keyID(key) else {
            throw refused("The checkpoint was signed with another key (\(envelope.keyId)) than this public key.")
        }
        guard envelope.algorithm == "Ed25519", let signature = Data(base64Encoded: envelope.signature),
              key.isValidSignature(signature, for: Data(envelope.payload.utf8)) else {
            throw refused("The checkpoint's signature is not valid for this public key: the file was altered or signed with another key.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let payload = try? decoder.decode(Payload.self, from: Data(envelope.payload.utf8)), payload.format == format else {
            throw refused("The checkpoint's payload is not a \(format) document.")
        }
        return AuditCheckpoint(createdAt: payload.createdAt, chains: payload.chains)
    }

    static func refused(_ detail: String) -> DomainError {
        DomainError.invalid("audit.checkpoint_invalid", detail, field: "checkpoint")
    }
}

/// Ed25519 keys for checkpoints as PEM files (PKCS #8 private key, SubjectPublicKeyInfo public
/// key), so OpenSSL and other tools read them too.
public enum AuditSigningKey {
    /// DER before the 32 key bytes: PKCS #8 for an Ed25519 private key (RFC 8410).
    static let privatePrefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                                         0x04, 0x22, 0x04, 0x20]
    /// DER before the 32 key bytes: SubjectPublicKeyInfo for an Ed25519 public key.
    static let publicPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    public static func pem(_ key: Curve25519.Signing.PrivateKey) -> String {
        armor("PRIVATE KEY", privatePrefix + Array(key.rawRepresentation))
    }

    public static func pem(_ key: Curve25519.Signing.PublicKey) -> String {
        armor("PUBLIC KEY", publicPrefix + Array(key.rawRepresentation))
    }

    public static func privateKey(pem text: String) throws -> Curve25519.Signing.PrivateKey {
        guard let raw = unarmor(text, label: "PRIVATE KEY", prefix: privatePrefix),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw DomainError.invalid("audit.key_invalid", "Not an Ed25519 private key in PEM (PKCS #8).", field: "key")
        }
        return key
    }

    public static func publicKey(pem text: String) throws -> Curve25519.Signing.PublicKey {
        guard let raw = unarmor(text, label: "PUBLIC KEY", prefix: publicPrefix),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw DomainError.invalid("audit.key_invalid", "Not an Ed25519 public key in PEM (SubjectPublicKeyInfo).",
                                      field: "publicKey")
        }
        return key
    }

    /// SHA-256 of the raw public key, hex: names the key a checkpoint was signed with.
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: key.rawRepresentation).map { String(format: "%02x", $0) }.joined()
    }

    static func armor(_ label: String, _ der: [UInt8]) -> String {
        "-----BEGIN \(label)-----\n\(Data(der).base64EncodedString())\n-----END \(label)-----\n"
    }

    static func unarmor(_ text: String, label: String, prefix: [UInt8]) -> Data? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end,
              let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()),
              der.count == prefix.count + 32, Array(der.prefix(prefix.count)) == prefix else { return nil }
        return Data(der.suffix(32))
    }
}
