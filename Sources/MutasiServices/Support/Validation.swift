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

    /// Non-empty text of at most `max` characters, trimmed.
    static func text(_ value: String, field: String, max: Int = 200) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalid("\(field).required", "\(field) must not be empty.", field: field) }
        guard trimmed.count <= max else {
            throw DomainError.invalid("\(field).too_long", "\(field) must be at most \(max) characters.", field: field)
        }
        return trimmed
    }

    /// A password of 10 to 200 characters.
    static func password(_ value: String, field: String = "password") throws -> String {
        guard value.count >= 10 else {
            throw DomainError.invalid("password.too_short", "The password must have at least 10 characters.", field: field)
        }
        guard value.count <= 200 else {
            throw DomainError.invalid("password.too_long", "The password must have at most 200 characters.", field: field)
        }
        return value
    }

    /// A Kemendagri region code of a province, regency or city: `PP` or `PP.KK`, digits, kept as text.
    static func tenantRegionCode(_ value: String, kind: Tenant.Kind, field: String = "regionCode") throws -> String {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        let expected = kind == .province ? 1 : 2
        guard digits, parts.count == expected, let province = Int(parts[0]), (11...99).contains(province) else {
            throw DomainError.invalid("region_code.invalid",
                kind == .province ? "A province's region code is two digits, e.g. 62."
                                  : "A regency's or city's region code is PP.KK, e.g. 53.71.", field: field)
        }
        if expected == 2, let local = Int(parts[1]) {
            let valid = kind == .city ? (71...99).contains(local) : (1...69).contains(local)
            guard valid else {
                throw DomainError.invalid("region_code.invalid",
                    kind == .city ? "A city's code is 71 to 99 after the province (e.g. 53.71)."
                                  : "A regency's code is 01 to 69 after the province (e.g. 53.01).", field: field)
            }
        }
        return value
    }
}

import Foundation
