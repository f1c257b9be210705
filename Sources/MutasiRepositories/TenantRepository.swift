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
    /// All tenants, or those overseen by one BKN office.
    func list(bknOfficeID: UUID?, _ page: PageRequest) async throws -> Page<Tenant>
    /// Applies the changes if the stored version is `expectedVersion`; nil when the tenant is
    /// absent; throws `tenant.version_mismatch` when it changed meanwhile.
    func update(id: UUID, _ changes: TenantChanges, expectedVersion: Int) async throws -> Tenant?
}
