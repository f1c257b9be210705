import Foundation
import PostgresNIO

/// A fixed SQL fragment (a select list, a scalar subquery) whose subqueries name the tenant as
/// `$tenant`; interpolated as `\(fragment, tenant: id)`, each `$tenant` becomes the tenant's id,
/// bound. Subqueries filter by the bound tenant rather than by correlation with the outer row
/// (`x.tenant_id = outer.tenant_id`): one server plans both alike, but Citus routes a statement
/// to the tenant's one shard only when every table in it is filtered by the value.
struct TenantSQL: Sendable {
    let text: String

    init(_ text: String) { self.text = text }
}

extension PostgresQuery.StringInterpolation {
    mutating func appendInterpolation(_ fragment: TenantSQL, tenant: UUID) {
        for (i, part) in fragment.text.components(separatedBy: "$tenant").enumerated() {
            if i > 0 { appendInterpolation(tenant) }
            appendLiteral(part)
        }
    }
}
