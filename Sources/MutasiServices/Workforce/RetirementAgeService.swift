import Foundation
import MutasiDomain
import MutasiRepositories

/// A tenant's retirement ages (BUP) per position kind: read by its users and overseeing admins,
/// replaced by its tenant admin.
public struct RetirementAgeService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// The table with its version (0 while the defaults were never replaced), for the ETag.
    public struct Versioned: Sendable {
        public var table: RetirementAgeTable
        public var version: Int
    }

    public func get(actor: Principal, tenantID: UUID) async throws -> Versioned {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try Access.require(actor, in: tenant, roles: [.tenantAdmin, .agencyOperator, .approver, .auditor, .employee],
                               managersToo: true)
            return Versioned(table: try await WorkforceAccess.retirementTable(tx, tenantID),
                             version: try await tx.retirementAges.version(tenantID: tenantID))
        }
    }

    /// Replaces the table, if nobody replaced it since `expectedVersion`; kinds left out take the
    /// default age. The same table again changes nothing (version kept, no audit event).
    public func replace(actor: Principal, tenantID: UUID, _ table: RetirementAgeTable, expectedVersion: Int) async throws -> Versioned {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try Access.require(actor, in: tenant, roles: [.tenantAdmin])
            let version = try await tx.retirementAges.version(tenantID: tenantID)
            guard version == expectedVersion else { throw Self.stale }
            let before = try await WorkforceAccess.retirementTable(tx, tenantID)
            if before == table { return Versioned(table: before, version: version) }
            guard let next = try await tx.retirementAges.replace(tenantID: tenantID, table, expectedVersion: expectedVersion)
            else { throw Self.stale }
            let after = Versioned(table: table, version: next)
            try await WorkforceAccess.audit(tx, actor, tenant, "retirement_ages.replace", "retirement_ages",
                                            tenantID.uuidString.lowercased(), before: before, after: table)
            return after
        }
    }

    static let stale = DomainError(.preconditionFailed, code: "retirement_ages.version_mismatch",
                                   "The retirement ages were changed by someone else; reload them and try again.")
}
