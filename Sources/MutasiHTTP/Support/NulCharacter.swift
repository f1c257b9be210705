import Foundation
import Hummingbird
import MutasiDomain

/// U+0000 has no place in any text the server stores or searches, and PostgreSQL refuses it in
/// text values (an error that would otherwise surface as a 500). JSON bodies and query
/// parameters holding it are refused up front with a 400 naming the field.
enum NulCharacter {
    static func refusal(field: String?) -> DomainError {
        .invalid("request.nul_character", "\(field ?? "The body") must not contain the NUL character (U+0000).", field: field)
    }

    /// Whether a JSON text holds the escape `\u0000` in any string (a raw NUL byte is no JSON).
    static func inJSON(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else { continue }
            guard iterator.next() == UInt8(ascii: "u") else { continue }   // `\\`, `\"`, `\n`...: skipped whole
            var zeros = 0
            while zeros < 4, iterator.next() == UInt8(ascii: "0") { zeros += 1 }
            if zeros == 4 { return true }
        }
        return false
    }

    /// The path (as `StrictJSONDecoder` names fields) of the first string or key holding U+0000.
    static func field(in json: Any, path: String = "") -> String? {
        switch json {
        case let text as String:
            return text.contains("\u{0}") ? path : nil
        case let object as [String: Any]:
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                let inner = path.isEmpty ? key : "\(path).\(key)"
                if key.contains("\u{0}") { return path.isEmpty ? "body" : path }
                if let found = field(in: value, path: inner) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, value) in array.enumerated() {
                if let found = field(in: value, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }
}

/// Refuses a query parameter whose name or value holds U+0000 (`%00`), naming it.
struct NulQueryMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.query?.contains("%00") == true {
            for (name, value) in request.uri.queryParameters where name.contains("\u{0}") || value.contains("\u{0}") {
                throw NulCharacter.refusal(field: String(name).replacingOccurrences(of: "\u{0}", with: ""))
            }
        }
        return try await next(request, context)
    }
}
