import Foundation
import MutasiDomain
import MutasiRepositories

/// BKN regional offices: created and listed by platform admins.
public struct BknOfficeService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public func create(actor: Principal, code: String, name: String) async throws -> BknOffice {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        let code = try Validate.code(code, field: "code")
        let name = try Validate.text(name, field: "name")
        return try await env.store.transaction(in: .platform) { tx in
            let office = try await tx.offices.create(code: code, name: name)
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
}
