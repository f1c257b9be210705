import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// Needs analyses (ANJAB-ABK) of a tenant's slots, their verification workflow and history, and
/// the tenant's ABK settings.
struct NeedsController {
    let services: Services

    struct DecisionBody: Decodable { var notes: String? }
    static let notFound = DomainError.notFound("needs.not_found", "Needs analysis not found.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let needs = services.needs
        let settings = services.needsSettings
        let base = "tenants/{tenantID}/needs-analyses"
        table.on(group, prefix: "/v1", base, method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let filter = NeedsAnalysisFilter(
                year: try HTTPInput.int(request, "year"),
                state: try QueryValues.choice(request, "state", NeedsAnalysis.State.self),
                slotID: try QueryValues.uuid(request, "slotID"), agencyID: try QueryValues.uuid(request, "agencyID"))
            return try HTTPInput.json(try await needs.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                           filter: filter, page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base, method: .post) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let draft = try await request.decode(as: NeedsAnalysisService.Draft.self, context: context)
            let view = try await needs.create(actor: try context.requirePrincipal(), tenantID: tenantID, draft,
                                              idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(view, status: .created, etag: view.version,
                                      location: "/v1/tenants/\(tenantID.lowercased)/needs-analyses/\(view.id.lowercased)")
        }
        table.on(group, prefix: "/v1", base + "/{analysisID}", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let view = try await needs.get(actor: try context.requirePrincipal(), tenantID: tenantID, id: id)
            return try HTTPInput.json(view, etag: view.version)
        }
        table.on(group, prefix: "/v1", base + "/{analysisID}", method: .put) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let content = try await request.decode(as: NeedsAnalysisService.Content.self, context: context)
            let view = try await needs.update(actor: try context.requirePrincipal(), tenantID: tenantID, id: id, content,
                                              expectedVersion: version)
            return try HTTPInput.json(view, etag: view.version)
        }
        table.on(group, prefix: "/v1", base + "/{analysisID}/history", method: .get) { request, context in
            let (tenantID, id) = try Self.ids(context)
            return try HTTPInput.json(try await needs.history(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                              page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/{analysisID}/submit", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            _ = try await Self.decision(request, context)
            let view = try await needs.submit(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                              expectedVersion: version, idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(view, etag: view.version)
        }
        table.on(group, prefix: "/v1", base + "/{analysisID}/approve", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await Self.decision(request, context)
            let view = try await needs.approve(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                               expectedVersion: version, notes: body?.notes,
                                               idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(view, etag: view.version)
        }
        table.on(group, prefix: "/v1", base + "/{analysisID}/return", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await Self.decision(request, context)
            let view = try await needs.returnForRevision(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                         expectedVersion: version, notes: body?.notes ?? "",
                                                         idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(view, etag: view.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/needs-settings", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let current = try await settings.get(actor: try context.requirePrincipal(), tenantID: tenantID)
            return try HTTPInput.json(current, etag: current.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/needs-settings", method: .patch) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let version = try HTTPInput.expectedVersion(request)
            let changes = try await request.decode(as: NeedsSettingsService.Changes.self, context: context)
            let updated = try await settings.update(actor: try context.requirePrincipal(), tenantID: tenantID, changes,
                                                    expectedVersion: version)
            return try HTTPInput.json(updated, etag: updated.version)
        }
    }

    static func ids(_ context: AppRequestContext) throws -> (UUID, UUID) {
        (try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant),
         try HTTPInput.id(context, "analysisID", notFound: notFound))
    }

    /// The optional body of a workflow step (`{"notes": ...}`); none when no Content-Type is sent.
    static func decision(_ request: Request, _ context: AppRequestContext) async throws -> DecisionBody? {
        guard request.headers[.contentType] != nil else { return nil }
        return try await request.decode(as: DecisionBody.self, context: context)
    }
}
