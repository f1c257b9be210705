import Foundation
import MutasiDomain

/// Fields of a new tenant.
public struct NewTenant: Sendable {
    public var code: String
    public var name: String
    public var kind: Tenant.Kind
    public var regionCode: String
    public var bknOfficeID: UUID
    public init(code: String, name: String, kind: Tenant.Kind, regionCode: String, bknOfficeID: UUID) {
        self.code = code; self.name = name; self.kind = kind; self.regionCode = regionCode
        self.bknOfficeID = bknOfficeID
    }
}

/// Changes to a tenant; nil leaves a field as it is.
public struct TenantChanges: Sendable {
    public var name: String?
    public var active: Bool?
    public init(name: String? = nil, active: Bool? = nil) {
        self.name = name; self.active = active
    }
}

/// Storage of tenants (a reference table; the tenant id is the distribution key).
public protocol TenantRepository: Sendable {
    /// Throws `tenant.code_taken` or `tenant.region_code_taken`.
    func create(_ tenant: NewTenant) async throws -> Tenant
    func find(id: UUID) async throws -> Tenant?
    func find(code: String) async throws -> Tenant?
    /// The tenant, its row locked against changes until the transaction ends (a login opening
    /// a session while a deactivation would revoke them).
    func findForShare(id: UUID) async throws -> Tenant?
    /// All tenants, or those overseen by one BKN office (and, when `provinceCodes` is given,
    /// whose region lies in one of those provinces).
    func list(bknOfficeID: UUID?, provinceCodes: [String]?, _ page: PageRequest) async throws -> Page<Tenant>
    /// Whether any tenant of the office has a region outside these provinces.
    func anyOutside(bknOfficeID: UUID, provinceCodes: [String]) async throws -> Bool
    /// Applies the changes if the stored version is `expectedVersion`; nil when the tenant is
    /// absent; throws `tenant.version_mismatch` when it changed meanwhile.
    func update(id: UUID, _ changes: TenantChanges, expectedVersion: Int) async throws -> Tenant?
}

extension TenantRepository {
    /// All tenants, or those overseen by one BKN office, wherever their region lies.
    public func list(bknOfficeID: UUID?, _ page: PageRequest) async throws -> Page<Tenant> {
        try await list(bknOfficeID: bknOfficeID, provinceCodes: nil, page)
    }
}
