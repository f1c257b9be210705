import Foundation
import Hummingbird
import MutasiDomain

/// Typed query parameters beyond those of `HTTPInput`; each error names the parameter.
enum QueryValues {
    /// An id parameter, spelt as in bodies (`agencyID`); the older spelling `agencyId` that the
    /// workforce lists once used is read too, so that existing links keep working.
    static func uuid(_ request: Request, _ name: String) throws -> UUID? {
        var used = name
        var text = HTTPInput.string(request, name)
        if text == nil, name.hasSuffix("ID") {
            used = String(name.dropLast()) + "d"
            text = HTTPInput.string(request, used)
        }
        guard let text else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DomainError.invalid("query.not_uuid", "\(used) must be a UUID.", field: used)
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
