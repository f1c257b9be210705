import Crypto
import Foundation
import MutasiDomain
import MutasiRepositories

/// Idempotent submissions: a request sent again with the same Idempotency-Key by the same actor
/// with the same content gets the first response back, without doing the work twice. The key is
/// claimed in the same transaction as the work, so a failed request leaves it unclaimed and
/// concurrent duplicates wait for the first.
enum Idempotency {
    /// A client's key: 1-200 visible ASCII characters. Throws `idempotency.invalid_key`.
    static func validKey(_ key: String?) throws -> String? {
        guard let key else { return nil }
        guard (1...200).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0.asciiValue! >= 33 && $0.asciiValue! < 127 }) else {
            throw DomainError.invalid("idempotency.invalid_key",
                                      "Idempotency-Key must be 1 to 200 visible ASCII characters.", field: "Idempotency-Key")
        }
        return key
    }

    /// Runs `body` once per key: replays the stored result when the key was used for the same
    /// request, refuses it (409 `idempotency.key_reused`) for another.
    static func run<T: Codable & Sendable>(
        _ tx: any StoreTransaction, tenantID: UUID, actor: Principal, key: String?, request parts: [String],
        _ body: () async throws -> T
    ) async throws -> T {
        guard let key else { return try await body() }
        let fingerprint = SHA256.hash(data: Data(parts.joined(separator: "\u{1f}").utf8))
            .map { String(format: "%02x", $0) }.joined()
        if let stored = try await tx.idempotency.claim(tenantID: tenantID, actorID: actor.user.id, key: key,
                                                       fingerprint: fingerprint) {
            guard stored.fingerprint == fingerprint else {
                throw DomainError.conflict("idempotency.key_reused",
                                           "This Idempotency-Key was used for another request; use a new key.")
            }
            guard let response = stored.response else {
                throw DomainError.conflict("idempotency.in_progress", "The first request with this key is still running.")
            }
            return try decoder.decode(T.self, from: Data(response.utf8))
        }
        let result = try await body()
        let data = try encoder.encode(result)
        try await tx.idempotency.complete(tenantID: tenantID, actorID: actor.user.id, key: key,
                                          response: String(decoding: data, as: UTF8.self))
        return result
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
