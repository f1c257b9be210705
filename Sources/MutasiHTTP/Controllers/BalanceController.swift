import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// The balance dashboard of a tenant: need against staff per level, retirements ahead,
/// education mismatches and rotations due.
struct BalanceController {
    let services: Services

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let balance = services.balance
        let base = "tenants/{tenantID}/balance"
        table.on(group, prefix: "/v1", base, method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let level = try QueryValues.choice(request, "level", BalanceLevel.self) ?? .agency
            return try HTTPInput.json(try await balance.balance(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                                level: level, query: try Self.query(request),
                                                                page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/retirements", method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await balance.retirements(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                                    query: try Self.query(request), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/education-mismatches", method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await balance.educationMismatches(
                actor: try context.requirePrincipal(), tenantID: tenantID, query: try Self.query(request),
                page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/rotation-due", method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await balance.rotationDue(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                                    query: try Self.query(request), page: try HTTPInput.page(request)))
        }
    }

    static func query(_ request: Request) throws -> BalanceService.Query {
        BalanceService.Query(asOf: try QueryValues.date(request, "asOf"), months: try HTTPInput.int(request, "months"),
                             agencyID: try QueryValues.uuid(request, "agencyID"), unitID: try QueryValues.uuid(request, "unitID"))
    }
}
