import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Preference campaigns of a tenant (draft -> open -> closed), their counts, and the preference
/// forms employees file in them.
struct CampaignController {
    let services: Services

    static let notFound = DomainError.notFound("campaign.not_found", "Campaign not found.")
    static let formNotFound = DomainError.notFound("form.not_found", "Preference form not found.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let campaigns = services.campaigns
        let forms = services.forms
        let points = services.points
        let base = "tenants/{tenantID}/campaigns"
        table.on(group, prefix: "/v1", base, method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let state = try QueryValues.choice(request, "state", Campaign.State.self)
            return try HTTPInput.json(try await campaigns.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                               state: state, page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base, method: .post) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let draft = try await request.decode(as: CampaignService.Draft.self, context: context)
            let campaign = try await campaigns.create(actor: try context.requirePrincipal(), tenantID: tenantID, draft,
                                                      idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(campaign, status: .created, etag: campaign.version,
                                      location: "/v1/tenants/\(tenantID.lowercased)/campaigns/\(campaign.id.lowercased)")
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/campaign-counts", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await campaigns.counts(actor: try context.requirePrincipal(), tenantID: tenantID))
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let campaign = try await campaigns.get(actor: try context.requirePrincipal(), tenantID: tenantID, id: id)
            return try HTTPInput.json(campaign, etag: campaign.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}", method: .patch) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let changes = try await request.decode(as: CampaignService.Changes.self, context: context)
            let campaign = try await campaigns.update(actor: try context.requirePrincipal(), tenantID: tenantID, id: id, changes,
                                                      expectedVersion: version)
            return try HTTPInput.json(campaign, etag: campaign.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/open", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let campaign = try await campaigns.open(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                    expectedVersion: version, idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(campaign, etag: campaign.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/close", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let campaign = try await campaigns.close(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                     expectedVersion: version, idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(campaign, etag: campaign.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/forms/me", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let form = try await forms.mine(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id)
            return try HTTPInput.json(form, etag: form.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/forms/me", method: .put) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = request.headers[.ifMatch] == nil ? nil : try HTTPInput.expectedVersion(request)
            let input = try await request.decode(as: PreferenceFormService.Input.self, context: context)
            let (form, created) = try await forms.file(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id,
                                                       input, expectedVersion: version)
            return try HTTPInput.json(form, status: created ? .created : .ok, etag: form.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/forms/me/versions", method: .get) { request, context in
            let (tenantID, id) = try Self.ids(context)
            return try HTTPInput.json(try await forms.myVersions(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                                 campaignID: id, page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/forms/{employeeID}/versions", method: .get) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.formNotFound)
            return try HTTPInput.json(try await forms.versions(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                               campaignID: id, employeeID: employeeID,
                                                               page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/forms", method: .get) { request, context in
            let (tenantID, id) = try Self.ids(context)
            return try HTTPInput.json(try await forms.list(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id,
                                                           page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/forms/{employeeID}", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.formNotFound)
            let form = try await forms.get(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id,
                                           employeeID: employeeID)
            return try HTTPInput.json(form, etag: form.version)
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/points/me", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            return try HTTPInput.json(try await points.mine(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id))
        }
        table.on(group, prefix: "/v1", base + "/{campaignID}/points", method: .get) { request, context in
            let (tenantID, id) = try Self.ids(context)
            return try HTTPInput.json(try await points.list(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id,
                                                            page: try HTTPInput.page(request)))
        }
        for format in SheetFormat.allCases {
            table.on(group, prefix: "/v1", base + "/{campaignID}/forms.\(format.fileExtension)", method: .get) { _, context in
                let (tenantID, id) = try Self.ids(context)
                let data = try await forms.exportCSV(actor: try context.requirePrincipal(), tenantID: tenantID, campaignID: id,
                                                     format: format)
                return Response(status: .ok, headers: [
                    .contentType: format.contentType,
                    .contentDisposition: "attachment; filename=\"formulir-preferensi.\(format.fileExtension)\"",
                ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }

    static func ids(_ context: AppRequestContext) throws -> (UUID, UUID) {
        (try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant),
         try HTTPInput.id(context, "campaignID", notFound: notFound))
    }
}
