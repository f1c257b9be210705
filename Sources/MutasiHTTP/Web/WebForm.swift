import Foundation
import Hummingbird
import MutasiDomain

/// The fields of a submitted `application/x-www-form-urlencoded` form.
struct WebForm: Sendable {
    /// Forms on these pages are a few short fields.
    static let maxBytes = 16 * 1024
    private var fields: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? (Self.decode(parts[1]) ?? "") : ""
        }
    }

    /// Reads the form of `request` (kept readable for the handler after it).
    static func read(_ request: inout Request) async throws -> WebForm {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw DomainError.invalid("web.form_expected", "Formulir tidak dikenali.")
        }
        let buffer = try await request.collectBody(upTo: maxBytes)
        let form = WebForm(String(buffer: buffer))
        // PostgreSQL refuses U+0000 in text: refused here, as the API refuses it, not as a 500.
        if let field = form.fields.sorted(by: { $0.key < $1.key })
            .first(where: { $0.key.contains("\u{0}") || $0.value.contains("\u{0}") })?.key {
            throw DomainError.invalid("request.nul_character",
                                      "Isian \(field) memuat karakter NUL (U+0000), yang tidak diterima.", field: field)
        }
        return form
    }

    subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
