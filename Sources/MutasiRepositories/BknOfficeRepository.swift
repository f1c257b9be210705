import Foundation
import MutasiDomain

/// Storage of BKN regional offices (a reference table, not tenant-scoped).
public protocol BknOfficeRepository: Sendable {
    /// Throws `bkn_office.code_taken` when the code exists.
    func create(code: String, name: String) async throws -> BknOffice
    func find(id: UUID) async throws -> BknOffice?
    func find(code: String) async throws -> BknOffice?
    func list(_ page: PageRequest) async throws -> Page<BknOffice>
}
