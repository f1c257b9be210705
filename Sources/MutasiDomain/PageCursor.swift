import Foundation

/// The opaque `cursor` of a keyset page: the list it belongs to and the sort key of the last item
/// already returned, as base64url of a JSON array of strings. Clients pass back what `next` gave.
public struct PageCursor: Sendable, Equatable {
    public var list: String
    public var key: [String]

    /// Longest cursor accepted; real ones are far shorter.
    public static let maxLength = 1024

    public init(list: String, key: [String]) {
        self.list = list
        self.key = key
    }

    /// Reads a cursor sent by a client; anything that is no cursor of ours is `page.invalid_cursor`.
    public init(parsing text: String, field: String = "cursor") throws {
        let invalid = DomainError.invalid("page.invalid_cursor", "\(field) is not a cursor this list gave; start again without it.",
                                          field: field)
        guard !text.isEmpty, text.count <= Self.maxLength else { throw invalid }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
              let parts = try? JSONDecoder().decode([String].self, from: data), parts.count >= 2,
              // Keys go to the database as text, which holds no NUL; no sort key has control characters.
              parts.allSatisfy({ !$0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
        else { throw invalid }
        list = parts[0]
        key = Array(parts.dropFirst())
    }

    /// The text handed to clients.
    public var text: String {
        let data = (try? JSONEncoder().encode([list] + key)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The sort key, for the list named `list` whose keys have `parts` parts; a cursor of another
    /// list (or shape) is refused rather than read as a wrong position.
    public func sortKey(of list: String, parts: Int, field: String = "cursor") throws -> [String] {
        guard self.list == list, key.count == parts else {
            throw DomainError.invalid("page.invalid_cursor", "\(field) is not a cursor this list gave; start again without it.",
                                      field: field)
        }
        return key
    }
}
