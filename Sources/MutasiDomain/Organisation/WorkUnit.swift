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
    public var version: Int

    public init(tenantID: UUID, id: UUID, agencyID: UUID, code: String, name: String, regionCode: String, version: Int) {
        self.tenantID = tenantID; self.id = id; self.agencyID = agencyID; self.code = code; self.name = name
        self.regionCode = regionCode; self.version = version
    }
}

/// The natural key of a unit or a slot as users write it in spreadsheets: 1-64 letters, digits
/// and `.`, `-`, `_`, `/`, kept as written (trimmed). Codes `<prefix>.required`, `<prefix>.invalid`.
public enum RecordCode {
    public static let maxLength = 64

    public static func validate(_ raw: String, codePrefix: String, field: String) throws -> String {
        let text = raw.trimmingSpaces
        guard !text.isEmpty else {
            throw DomainError.invalid("\(codePrefix).required", "The code is required.", field: field)
        }
        let allowed = text.count <= maxLength && text.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-/".unicodeScalars.contains($0))
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
        let text = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
