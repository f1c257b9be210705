import Foundation

/// How a tenant's decree numbers are written, e.g. `800.1.3.3/{seq}/BKPSDM/{year}`: `{seq}` the
/// sequence of the year, `{year}` four digits, `{month}` the month of issue in Roman numerals,
/// `{agency}` the agency's code (only for decrees per agency).
public struct DecreeNumberPattern: Sendable, Equatable {
    public static let tokens: Set<String> = ["seq", "year", "month", "agency"]
    public static let standard = "800.1.3.3/{seq}/BKPSDM/{year}"

    public let text: String

    /// Throws `decree_settings.unknown_token` for a token outside `tokens`,
    /// `decree_settings.seq_required` without `{seq}`, `decree_settings.agency_token` for
    /// `{agency}` without `perAgency` (a collective decree has no single agency).
    public init(_ text: String, perAgency: Bool, field: String = "numberPattern") throws {
        guard (1...120).contains(text.count), !text.contains(where: { $0.isNewline }) else {
            throw DomainError.invalid("decree_settings.invalid_pattern", "\(field) must have 1 to 120 characters on one line.",
                                      field: field)
        }
        let found = try Self.tokens(in: text, field: field)
        guard found.contains("seq") else {
            throw DomainError.invalid("decree_settings.seq_required", "\(field) must contain {seq}.", field: field)
        }
        if found.contains("agency") && !perAgency {
            throw DomainError.invalid("decree_settings.agency_token",
                                      "{agency} needs perAgency: a decree for the whole plan has no single agency.", field: field)
        }
        self.text = text
    }

    private static func tokens(in text: String, field: String) throws -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                throw DomainError.invalid("decree_settings.invalid_pattern", "\(field) has an unpaired brace.", field: field)
            }
            let token = String(rest[rest.index(after: open)..<close])
            guard tokens.contains(token) else {
                throw DomainError.invalid("decree_settings.unknown_token",
                                          "\(field) has the unknown token {\(token)}; known: {seq}, {year}, {month}, {agency}.",
                                          field: field)
            }
            found.append(token)
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The number of the `seq`th decree issued on `date`.
    public func number(seq: Int, issuedOn date: CalendarDate, agencyCode: String?) -> String {
        text.replacingOccurrences(of: "{seq}", with: String(seq))
            .replacingOccurrences(of: "{year}", with: DecimalDigits.padded(date.year, to: 4))
            .replacingOccurrences(of: "{month}", with: IndonesianDate.roman(date.month))
            .replacingOccurrences(of: "{agency}", with: agencyCode ?? "")
    }
}
