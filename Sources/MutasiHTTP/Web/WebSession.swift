import Crypto
import Foundation
import Hummingbird

/// The cookies of the web pages and the CSRF tokens tied to them.
///
/// The session cookie holds the session's bearer token (HttpOnly, so no script reads it;
/// SameSite=Strict, so no other site's form sends it). A form's CSRF token is a hash of that
/// token: only a page the server rendered for this session can know it, and it dies with the
/// session. Before sign-in, a random value in a cookie of its own stands in for the session
/// (the sign-in form sends it back, and it must match the cookie).
enum WebSession {
    static let sessionCookie = "mutasi_sesi"
    static let signInCookie = "mutasi_masuk"
    static let csrfField = "csrf"
    static let forwardedProto = HTTPFields.Element.Name("X-Forwarded-Proto")!

    /// The CSRF token of the session whose bearer token is `token`.
    static func csrfToken(session token: String) -> String {
        hex(SHA256.hash(data: Data(("mutasi-web-csrf\u{0}" + token).utf8)))
    }

    /// A random value for the sign-in form's cookie.
    static func randomValue() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Compares in time independent of where the first difference lies.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// Whether the browser reached us over TLS: directly, or through a trusted proxy that says so.
    static func isSecure(_ request: Request, peer: String?, proxies: TrustedProxies) -> Bool {
        if request.head.scheme == "https" { return true }
        guard let peer, let address = IPAddress(peer), proxies.trusts(address) else { return false }
        let proto = request.headers[values: forwardedProto].flatMap { $0.split(separator: ",") }.first
        return proto.map { $0.trimmedBlanks.lowercased() } == "https"
    }

    /// A `Set-Cookie` value; `maxAge` 0 deletes the cookie.
    static func setCookie(_ name: String, _ value: String, maxAge: Int? = nil, secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=Strict"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// The cookie's value, if the request carries it with a value of the expected shape.
    static func cookie(_ request: Request, _ name: String) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty, value.count <= 256 else { return nil }
        return value
    }

    private static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
