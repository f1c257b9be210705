import Crypto
import Foundation
import MutasiDomain

/// An opaque bearer token: `mts_<scope>_<secret>`. The scope tells which tenant's sessions to
/// look in (row-level security needs it before the user is known); the secret is 32 random
/// bytes. Only the SHA-256 hash of the whole token is stored.
public struct BearerToken: Sendable, Equatable {
    public let value: String
    public let scope: ScopeID

    public static func generate(scope: ScopeID) -> BearerToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let scopeHex = scope.description.replacingOccurrences(of: "-", with: "")
        return BearerToken(value: "mts_\(scopeHex)_\(secret)", scope: scope)
    }

    private init(value: String, scope: ScopeID) {
        self.value = value
        self.scope = scope
    }

    /// Parses a presented token; nil when it is not of our shape.
    public init?(_ value: String) {
        let parts = value.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "mts", parts[1].count == 32, parts[2].count >= 40 else { return nil }
        let hex = Array(parts[1])
        let dashed = String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-" + String(hex[12..<16]) + "-"
            + String(hex[16..<20]) + "-" + String(hex[20..<32])
        guard let uuid = UUID(uuidString: dashed) else { return nil }
        self.init(value: value, scope: ScopeID(uuid))
    }

    public var hash: String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
