import Foundation
import MutasiDomain

/// Storage of agencies (OPD), within the transaction's tenant.
public protocol AgencyRepository: Sendable {
    /// Throws `agency.code_taken`.
    func create(tenantID: UUID, code: String, name: String) async throws -> Agency
    func find(tenantID: UUID, id: UUID) async throws -> Agency?
    /// Lists the tenant's agencies, or only `onlyIDs` when given.
    func list(tenantID: UUID, onlyIDs: [UUID]?, _ page: PageRequest) async throws -> Page<Agency>
}
