import Foundation
import MutasiDomain

/// Changes to a BKN office; nil leaves a field as it is.
public struct BknOfficeChanges: Sendable {
    public var name: String?
    public var provinceCodes: [String]?
    public init(name: String? = nil, provinceCodes: [String]? = nil) {
        self.name = name; self.provinceCodes = provinceCodes
    }
}

/// Storage of BKN regional offices (a reference table, not tenant-scoped).
public protocol BknOfficeRepository: Sendable {
    /// Throws `bkn_office.code_taken` when the code exists.
    func create(code: String, name: String, provinceCodes: [String]) async throws -> BknOffice
    func find(id: UUID) async throws -> BknOffice?
    func find(code: String) async throws -> BknOffice?
    func list(_ page: PageRequest) async throws -> Page<BknOffice>
    /// Applies the changes if the stored version is `expectedVersion`; nil when the office is
    /// absent; throws `bkn_office.version_mismatch` when it changed meanwhile.
    func update(id: UUID, _ changes: BknOfficeChanges, expectedVersion: Int) async throws -> BknOffice?
}
