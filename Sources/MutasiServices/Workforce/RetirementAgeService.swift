import Foundation
import MutasiDomain
import MutasiRepositories

/// A tenant's retirement ages (BUP) per position kind: read by its users and overseeing admins,
/// replaced by its tenant admin.
public struct RetirementAgeService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public func get(actor: Principal, tenantID: UUID) async throws -> RetirementAgeTable {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try Access.require(actor, in: tenant, roles: [.tenantAdmin, .agencyOperator, .approver, .auditor, .employee],
                               managersToo: true)
            return try await WorkforceAccess.retirementTable(tx, tenantID)
        }
    }

    /// Replaces the table; kinds left out take the default age.
    public func replace(actor: Principal, tenantID: UUID, _ table: RetirementAgeTable) async throws -> RetirementAgeTable {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try Access.require(actor, in: tenant, roles: [.tenantAdmin])
            let before = try await WorkforceAccess.retirementTable(tx, tenantID)
            try await tx.retirementAges.replace(tenantID: tenantID, table)
            try await WorkforceAccess.audit(tx, actor, tenant, "retirement_ages.replace", "retirement_ages",
                                            tenantID.uuidString.lowercased(), before: before, after: table)
            return table
        }
    }
}
