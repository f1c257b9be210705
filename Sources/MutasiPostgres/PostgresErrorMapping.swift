import MutasiDomain
import PostgresNIO

/// Turns database failures that users can cause into `DomainError`s; everything else passes
/// through unchanged (and becomes a 500 without details at the HTTP edge).
enum PostgresErrorMapping {
    /// Unique constraints and the error each one means.
    static let uniqueViolations: [String: DomainError] = [
        "bkn_offices_code_key": .conflict("bkn_office.code_taken", "A BKN office with this code exists."),
        "tenants_code_key": .conflict("tenant.code_taken", "A tenant with this code exists."),
        "tenants_region_code_key": .conflict("tenant.region_code_taken", "A tenant with this region code exists."),
        "agencies_tenant_id_code_key": .conflict("agency.code_taken", "An agency with this code exists."),
        "users_tenant_id_username_key": .conflict("user.username_taken", "A user with this username exists."),
    ]

    static func map(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState] else { return error }
        switch state {
        case "23505":
            return violatedUniqueConstraint(psql).flatMap { uniqueViolations[$0] }
                ?? DomainError.conflict("conflict.duplicate", "A record with these values exists.")
        case "23503":
            return DomainError.invalid("reference.not_found", "A referenced record does not exist.")
        case "42501":
            return DomainError.forbidden("The database refused this operation.")
        default:
            return error
        }
    }

    /// The unique constraint a unique violation broke, named as on its table: from the error's
    /// field on one server; on Citus, which passes a worker's error on with its message only, from
    /// the message, without the shard's number. Nil for any other error.
    static func violatedUniqueConstraint(_ error: PSQLError) -> String? {
        guard error.serverInfo?[.sqlState] == "23505" else { return nil }
        return shardless(error.serverInfo?[.constraintName] ?? quoted(error.serverInfo?[.message] ?? ""))
    }

    /// The first double-quoted name in a message (`... unique constraint "name"`).
    static func quoted(_ message: String) -> String {
        let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : ""
    }

    /// A constraint's name without the `_<shard id>` that Citus appends on a worker's shard.
    static func shardless(_ name: String) -> String {
        guard let cut = name.lastIndex(of: "_"), name[name.index(after: cut)...].allSatisfy(\.isNumber),
              cut < name.index(before: name.endIndex) else { return name }
        return String(name[..<cut])
    }
}
