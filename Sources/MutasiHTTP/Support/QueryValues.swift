import Foundation
import Hummingbird
import MutasiDomain

/// Typed query parameters beyond those of `HTTPInput`; each error names the parameter.
enum QueryValues {
    static func uuid(_ request: Request, _ name: String) throws -> UUID? {
        guard let text = HTTPInput.string(request, name) else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DomainError.invalid("query.not_uuid", "\(name) must be a UUID.", field: name)
        }
        return id
    }

    /// A day written YYYY-MM-DD.
    static func date(_ request: Request, _ name: String) throws -> CalendarDate? {
        try HTTPInput.string(request, name).map { try CalendarDate(iso: $0, field: name) }
    }

    /// One of an enumeration's raw values.
    static func choice<T: RawRepresentable & CaseIterable>(_ request: Request, _ name: String, _: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = HTTPInput.string(request, name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw DomainError.invalid("query.invalid_choice",
                                      "\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).", field: name)
        }
        return value
    }

    /// `true` or `false`.
    static func bool(_ request: Request, _ name: String) throws -> Bool? {
        guard let text = HTTPInput.string(request, name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw DomainError.invalid("query.invalid_choice", "\(name) must be true or false.", field: name)
        }
    }
}
