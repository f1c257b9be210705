import MutasiDomain

/// Small input checks shared by the services; each error names its field.
enum Validate {
    /// A handle: 2-64 lower-case letters, digits and dashes, starting with a letter.
    static func code(_ value: String, field: String) throws -> String {
        let ok = (2...64).contains(value.count)
            && value.first.map({ $0.isASCII && $0.isLetter && $0.isLowercase }) == true
            && value.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        guard ok else {
            throw DomainError.invalid("\(field).invalid",
                "\(field) must be 2 to 64 lower-case letters, digits or dashes, starting with a letter.", field: field)
        }
        return value
    }

    /// Non-empty text of at most `max` characters, trimmed. Characters are counted as Unicode
    /// code points, as the database's length checks and the API document's maxLength count them
    /// (👍🏻 is two), so a text that passes here is never refused by a constraint.
    static func text(_ value: String, field: String, max: Int = 200) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalid("\(field).required", "\(field) must not be empty.", field: field) }
        guard trimmed.unicodeScalars.count <= max else {
            throw DomainError.invalid("\(field).too_long", "\(field) must be at most \(max) characters.", field: field)
        }
        return trimmed
    }

    /// A password of at least 10 characters and at most 72 bytes of UTF-8 (bcrypt reads no
    /// further, so a longer one would be cut without a word).
    static func password(_ value: String, field: String = "password") throws -> String {
        guard value.count >= 10 else {
            throw DomainError.invalid("password.too_short", "The password must have at least 10 characters.", field: field)
        }
        guard value.utf8.count <= PasswordHasher.maxBytes else {
            throw DomainError.invalid("password.too_long",
                                      "The password must be at most \(PasswordHasher.maxBytes) bytes (UTF-8); "
                                        + "letters outside ASCII take 2 to 4 bytes each.", field: field)
        }
        return value
    }

    /// A BKN office's area: at least one two-digit province code (`62`), each checked by
    /// `RegionCode`; duplicates dropped, sorted.
    static func provinceCodes(_ values: [String], field: String = "provinceCodes") throws -> [String] {
        guard !values.isEmpty else {
            throw DomainError.invalid("province_codes.required", "\(field) must list at least one province code, e.g. [\"62\"].",
                                      field: field)
        }
        guard values.count <= RegionCode.provinceNumbers.count else {
            throw DomainError.invalid("province_codes.too_many", "\(field) lists more codes than there are provinces.", field: field)
        }
        let codes = try values.map { value in
            let code = try RegionCode(value, field: field)
            guard code.level == .province else {
                throw DomainError.invalid("province_codes.invalid",
                                          "\(field) holds province codes of two digits, e.g. 62; got '\(code.text)'.", field: field)
            }
            return code.text
        }
        return Array(Set(codes)).sorted()
    }

    /// A Kemendagri region code of a province (`PP`), regency (`PP.KK`, KK 01-69) or city
    /// (`PP.KK`, KK 71-99), kept as text. The shape and number ranges are `RegionCode`'s; this
    /// adds that the code's level and kind fit the tenant's.
    static func tenantRegionCode(_ value: String, kind: Tenant.Kind, field: String = "regionCode") throws -> String {
        let code = try RegionCode(value, field: field)
        let fits = switch kind {
        case .province: code.level == .province
        case .regency: code.level == .regencyOrCity && !code.isCity
        case .city: code.level == .regencyOrCity && code.isCity
        }
        guard fits else {
            let expected = switch kind {
            case .province: "A province's region code is two digits, e.g. 62."
            case .regency: "A regency's region code is PP.KK with KK 01 to 69, e.g. 53.01."
            case .city: "A city's region code is PP.KK with KK 71 to 99, e.g. 53.71."
            }
            throw DomainError.invalid("region_code.invalid", expected, field: field)
        }
        return code.text
    }
}

import Foundation
