import Foundation
import MutasiDomain
import MutasiRepositories

/// Who may read and change units, slots and employees of a tenant:
/// - tenant admins: everything of their tenant;
/// - agency operators: units of their agencies, the slots in them and the employees in those slots;
/// - approvers and auditors: read everything of their tenant;
/// - employees: their own record (and the tenant's units, to state preferences);
/// - platform and overseeing BKN admins: read units and slots (no personal records).
/// Outside one's tenant (or an operator's agencies) records read as absent (404).
enum WorkforceAccess {
    /// The tenant, if the actor may see it at all (404 otherwise).
    static func tenant(_ actor: Principal, _ tenantID: UUID, _ tx: any StoreTransaction) async throws -> Tenant {
        try await Access.visibleTenant(actor, tenantID, tx)
    }

    /// Checks that the actor may read units (`employeesToo`) or slots, and returns the agencies the
    /// reading is limited to (nil: all of the tenant's).
    static func organisationReadScope(_ actor: Principal, _ tenant: Tenant, employeesToo: Bool) throws -> [UUID]? {
        var roles: Set<Role> = [.tenantAdmin, .agencyOperator, .approver, .auditor]
        if employeesToo { roles.insert(.employee) }
        try Access.require(actor, in: tenant, roles: roles, managersToo: true)
        return agencyLimit(actor)
    }

    /// Checks that the actor may read employee records; returns the filter that limits what they see.
    static func employeeReadScope(_ actor: Principal, _ tenant: Tenant) throws -> EmployeeFilter {
        try Access.require(actor, in: tenant, roles: [.tenantAdmin, .agencyOperator, .approver, .auditor, .employee])
        switch actor.role {
        case .agencyOperator: return EmployeeFilter(agencyIDs: actor.user.agencyIDs)
        case .employee:
            // An employee user not yet linked to a record sees nothing.
            return EmployeeFilter(onlyID: actor.user.employeeID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        default: return EmployeeFilter()
        }
    }

    /// Whether a record of `agencyID` lies inside what the actor may read.
    static func canRead(_ actor: Principal, agencyID: UUID?) -> Bool {
        guard actor.role == .agencyOperator else { return true }
        return agencyID.map(actor.user.agencyIDs.contains) ?? false
    }

    /// Checks that the actor may change records of the tenant (tenant admins, agency operators).
    static func requireWriter(_ actor: Principal, _ tenant: Tenant) throws {
        try Access.require(actor, in: tenant, roles: [.tenantAdmin, .agencyOperator])
    }

    /// Checks that the actor may change records of `agencyID`: an operator only their own.
    static func requireAgency(_ actor: Principal, _ agencyID: UUID?, field: String) throws {
        guard actor.role == .agencyOperator else { return }
        guard let agencyID, actor.user.agencyIDs.contains(agencyID) else {
            throw DomainError(.forbidden, code: "agency.not_yours",
                              "Agency operators change only records of their own agencies.", field: field)
        }
    }

    static func agencyLimit(_ actor: Principal) -> [UUID]? {
        actor.role == .agencyOperator ? actor.user.agencyIDs : nil
    }

    /// The tenant's retirement-age table.
    static func retirementTable(_ tx: any StoreTransaction, _ tenantID: UUID) async throws -> RetirementAgeTable {
        try RetirementAgeTable(overriding: try await tx.retirementAges.overrides(tenantID: tenantID))
    }

    static let unitNotFound = DomainError.notFound("unit.not_found", "Unit not found.")
    static let slotNotFound = DomainError.notFound("slot.not_found", "Slot not found.")
    static let employeeNotFound = DomainError.notFound("employee.not_found", "Employee not found.")

    static func audit<T: Encodable>(_ tx: any StoreTransaction, _ actor: Principal, _ tenant: Tenant, _ action: String,
                                    _ type: String, _ id: String, before: T?, after: T?) async throws {
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: action, entityType: type, entityID: id, before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
    }
}
