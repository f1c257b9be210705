import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// BKN offices, tenants and their agencies.
struct TenancyController {
    let services: Services

    struct OfficeBody: Decodable { var code: String; var name: String; var provinceCodes: [String] }
    struct OfficePatch: Decodable { var name: String?; var provinceCodes: [String]? }
    struct TenantPatch: Decodable { var name: String?; var active: Bool? }
    struct AgencyBody: Decodable { var code: String; var name: String }

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let s = services
        table.on(group, prefix: "/v1", "bkn-offices", method: .get) { request, context in
            try HTTPInput.json(try await s.offices.list(actor: try context.requirePrincipal(), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "bkn-offices", method: .post) { request, context in
            let body = try await request.decode(as: OfficeBody.self, context: context)
            let office = try await s.offices.create(actor: try context.requirePrincipal(), code: body.code, name: body.name,
                                                    provinceCodes: body.provinceCodes)
            return try HTTPInput.json(office, status: .created, etag: office.version, location: "/v1/bkn-offices/\(office.id.lowercased)")
        }
        table.on(group, prefix: "/v1", "bkn-offices/{officeID}", method: .patch) { request, context in
            let id = try HTTPInput.id(context, "officeID", notFound: BknOfficeService.notFound)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: OfficePatch.self, context: context)
            let office = try await s.offices.update(actor: try context.requirePrincipal(), id: id,
                                                    BknOfficeChanges(name: body.name, provinceCodes: body.provinceCodes),
                                                    expectedVersion: version)
            return try HTTPInput.json(office, etag: office.version)
        }
        table.on(group, prefix: "/v1", "tenants", method: .get) { request, context in
            try HTTPInput.json(try await s.tenants.list(actor: try context.requirePrincipal(), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "tenants", method: .post) { request, context in
            let body = try await request.decode(as: TenantService.Draft.self, context: context)
            let tenant = try await s.tenants.create(actor: try context.requirePrincipal(), body)
            return try HTTPInput.json(tenant, status: .created, etag: tenant.version, location: "/v1/tenants/\(tenant.id.lowercased)")
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}", method: .get) { _, context in
            let id = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let tenant = try await s.tenants.get(actor: try context.requirePrincipal(), id: id)
            return try HTTPInput.json(tenant, etag: tenant.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}", method: .patch) { request, context in
            let id = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: TenantPatch.self, context: context)
            let tenant = try await s.tenants.update(actor: try context.requirePrincipal(), id: id,
                                                    TenantChanges(name: body.name, active: body.active), expectedVersion: version)
            return try HTTPInput.json(tenant, etag: tenant.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/agencies", method: .get) { request, context in
            let id = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await s.agencies.list(actor: try context.requirePrincipal(), tenantID: id,
                                                                page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/agencies", method: .post) { request, context in
            let id = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let body = try await request.decode(as: AgencyBody.self, context: context)
            let agency = try await s.agencies.create(actor: try context.requirePrincipal(), tenantID: id, code: body.code, name: body.name)
            return try HTTPInput.json(agency, status: .created, etag: agency.version)
        }
    }
}

extension UUID {
    var lowercased: String { uuidString.lowercased() }
}
