import Foundation
import MutasiDomain
import MutasiRepositories

/// BKN regional offices and their areas: created, changed and listed by platform admins.
public struct BknOfficeService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public func create(actor: Principal, code: String, name: String, provinceCodes: [String]) async throws -> BknOffice {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        let code = try Validate.code(code, field: "code")
        let name = try Validate.text(name, field: "name")
        let provinces = try Validate.provinceCodes(provinceCodes)
        return try await env.store.transaction(in: .platform) { tx in
            let office = try await tx.offices.create(code: code, name: name, provinceCodes: provinces)
            try await tx.audit.append(scope: .platform, actor: actor, AuditEntry(
                action: "bkn_office.create", entityType: "bkn_office", entityID: office.id.uuidString.lowercased(),
                before: nil, after: AuditSnapshot.json(office)))
            return office
        }
    }

    public func list(actor: Principal, page: PageRequest) async throws -> Page<BknOffice> {
        try Access.requirePlatform(actor, roles: [.platformAdmin, .bknAdmin])
        return try await env.store.transaction(in: .platform) { tx in try await tx.offices.list(page) }
    }

    /// Renames an office or changes its area, if nobody changed it since `expectedVersion`. The
    /// area cannot drop a province where the office still oversees a tenant.
    public func update(actor: Principal, id: UUID, _ changes: BknOfficeChanges, expectedVersion: Int) async throws -> BknOffice {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        var changes = changes
        if let name = changes.name { changes.name = try Validate.text(name, field: "name") }
        if let provinces = changes.provinceCodes { changes.provinceCodes = try Validate.provinceCodes(provinces) }
        let validated = changes
        return try await UnchangedUpdate.run { try await env.store.transaction(in: .platform) { tx in
            guard let before = try await tx.offices.find(id: id) else { throw Self.notFound }
            if let provinces = validated.provinceCodes,
               try await tx.tenants.anyOutside(bknOfficeID: id, provinceCodes: provinces) {
                throw DomainError.invalid("province_codes.tenants_outside",
                                          "The office oversees tenants in a province this area leaves out.", field: "provinceCodes")
            }
            guard let after = try await tx.offices.update(id: id, validated, expectedVersion: expectedVersion) else {
                throw Self.notFound
            }
            try UnchangedUpdate.check(before, after)
            try await tx.audit.append(scope: .platform, actor: actor, AuditEntry(
                action: "bkn_office.update", entityType: "bkn_office", entityID: id.uuidString.lowercased(),
                before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
            return after
        } }
    }

    public static let notFound = DomainError.notFound("bkn_office.not_found", "BKN office not found.")
}
