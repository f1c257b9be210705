import Foundation

/// A work unit (unit kerja) of an agency: a school, a puskesmas, an office. Identified within its
/// tenant by its code; lies in a Kemendagri region inside the tenant's region.
///
/// Named `WorkUnit` (not `Unit`) so it never collides with Foundation's measurement `Unit`.
public struct WorkUnit: Codable, Sendable, Equatable {
    public var tenantID: UUID
    public var id: UUID
    public var agencyID: UUID
    public var code: String
    public var name: String
    /// Kemendagri region code, as text (`62.71.01`).
    public var regionCode: String
    /// A remote/hardship unit (daerah terpencil): serving in one gives priority points under a
    /// campaign's `remoteService` rule.
    public var remote: Bool
    public var version: Int

    public init(tenantID: UUID, id: UUID, agencyID: UUID, code: String, name: String, regionCode: String,
                remote: Bool = false, version: Int) {
        self.tenantID = tenantID; self.id = id; self.agencyID = agencyID; self.code = code; self.name = name
        self.regionCode = regionCode; self.remote = remote; self.version = version
    }
}

/// The natural key of a unit or a slot as users write it in spreadsheets: 1-64 letters, digits
/// and `.`, `-`, `_`, `/`, kept as written (trimmed). Codes `<prefix>.required`, `<prefix>.invalid`.
public enum RecordCode {
    public static let maxLength = 64

    public static func validate(_ raw: String, codePrefix: String, field: String) throws -> String {
        let text = FastText.trimmed(raw)
        guard !text.isEmpty else {
            throw DomainError.invalid("\(codePrefix).required", "The code is required.", field: field)
        }
        let allowed = text.utf8.count <= maxLength && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F || $0 == 0x2F
        }
        guard allowed else {
            throw DomainError.invalid(
                "\(codePrefix).invalid",
                "A code has 1-\(maxLength) letters, digits, '.', '-', '_' or '/'; got '\(text)'.", field: field)
        }
        return text
    }
}

/// Names of units, slots and employees: non-empty, at most 200 characters, spaces collapsed.
/// Codes `<prefix>.required`, `<prefix>.too_long`.
public enum RecordName {
    public static let maxLength = 200

    public static func validate(_ raw: String, codePrefix: String, field: String) throws -> String {
        let text = FastText.collapsed(raw)
        guard !text.isEmpty else {
            throw DomainError.invalid("\(codePrefix).required", "The name is required.", field: field)
        }
        guard text.count <= maxLength else {
            throw DomainError.invalid(
                "\(codePrefix).too_long", "A name has at most \(maxLength) characters.", field: field)
        }
        return text
    }
}

/// Whitespace handling on the import's hot path: ASCII is decided byte by byte, and only text
/// that needs a change pays for the general Unicode path.
public enum FastText {
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r") : scalar.properties.isWhitespace
    }

    /// `text` without leading and trailing whitespace.
    public static func trimmed<S: StringProtocol>(_ text: S) -> String {
        // Text that starts and ends with a visible ASCII character is its own trim.
        let scalars = text.unicodeScalars
        if let first = scalars.first?.value, let last = scalars.last?.value, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(text)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(text[first..<scalars.index(after: last)])
    }

    /// `text` trimmed with inner runs of whitespace collapsed to one space.
    public static func collapsed(_ text: String) -> String {
        var clean = true
        var previousSpace = true
        for byte in text.utf8 {
            if byte >= 0x80 || byte == 0x09 || byte == 0x0A || byte == 0x0D { clean = false; break }
            let space = byte == 0x20
            if space && previousSpace { clean = false; break }
            previousSpace = space
        }
        if clean && !previousSpace { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
