import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// `/kampanye`: preference campaigns. Tenant admins, approvers and auditors read them (agency
/// operators those covering their agencies, as the service decides); tenant admins create, open
/// and close them. Every step goes through `CampaignService`, as the API's.
struct CampaignPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/kampanye") { request, context in try await list(request, context) }
        signedIn.post("/kampanye") { request, context in try await create(request, context) }
        signedIn.get("/kampanye/{campaignID}") { request, context in try await show(request, context) }
        signedIn.post("/kampanye/{campaignID}/buka") { request, context in try await step(request, context, open: true) }
        signedIn.post("/kampanye/{campaignID}/tutup") { request, context in try await step(request, context, open: false) }
        signedIn.post("/kampanye/{campaignID}/ubah") { request, context in try await edit(request, context) }
    }

    static let flashes = ["dibuat": "Kampanye dibuat sebagai draf.", "dibuka": "Kampanye dibuka: pegawai dapat mengisi formulir.",
                          "ditutup": "Kampanye ditutup: formulir tidak dapat diubah lagi.",
                          "diubah": "Perubahan kampanye disimpan."]
    static let pageSize = 50

    static let staffOnly = DomainError(.forbidden, code: "web.staff_only",
                                       "Halaman ini untuk pengguna BKD, pejabat penyetuju, auditor dan operator instansi.")

    static func staff(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        if principal.role == .employee { throw staffOnly }
        return principal
    }

    private func list(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      entered: WebForm? = nil) async throws -> Response {
        let principal = try Self.staff(context)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let number = try Pager(request).number
        let page = try await services.campaigns.list(actor: principal, tenantID: tenantID,
                                                     page: try PageRequest(limit: Self.pageSize, offset: (number - 1) * Self.pageSize))
        var forms: [UUID: Int] = [:]
        for campaign in page.items {
            forms[campaign.id] = try await services.forms.list(actor: principal, tenantID: tenantID, campaignID: campaign.id,
                                                               page: try PageRequest(limit: 1)).total
        }
        let html = CampaignListPage.render(page: page, number: number, forms: forms, principal: principal, csrf: context.csrfToken,
                                           flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message,
                                           entered: entered, today: WebStep.day(services.env.now()))
        return Layout.response(html, status: refusal?.status ?? .ok).timed(since: started)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.staff(context)
        let form = try await WebForm.read(&request)
        do {
            let deadline = WebStep.text(form, "batas").isEmpty ? nil : try WebStep.moment(form, "batas")
            let draft = CampaignService.Draft(name: WebStep.text(form, "nama"), opensAt: try WebStep.moment(form, "dibuka"),
                                              closesAt: try WebStep.moment(form, "ditutup"), answerDeadline: deadline)
            let campaign = try await services.campaigns.create(actor: principal, tenantID: principal.scope.uuid, draft)
            return WebStep.done("/kampanye/\(campaign.id.lowercased)", "dibuat")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            return try await list(request, context, refusal: WebStep.refusal(error), entered: form)
        }
    }

    private func show(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      entered: WebForm? = nil) async throws -> Response {
        let principal = try Self.staff(context)
        let id = try HTTPInput.id(context, "campaignID", notFound: CampaignController.notFound)
        let tenantID = principal.scope.uuid
        let campaign = try await services.campaigns.get(actor: principal, tenantID: tenantID, id: id)
        let forms = try await services.forms.list(actor: principal, tenantID: tenantID, campaignID: id, page: try PageRequest(limit: 1)).total
        var agencyNames: [String] = []
        let editable = campaign.state == .draft && principal.role == .tenantAdmin
        var agencies: [Agency] = []
        if !campaign.agencyIDs.isEmpty || editable {
            agencies = try await services.allAgencies(principal)
            agencyNames = campaign.agencyIDs.map { id in agencies.first { $0.id == id }?.name ?? id.lowercased }
        }
        let editForm: HTML = editable ? CampaignEditForm.render(campaign, agencies: agencies, csrf: context.csrfToken, entered: entered)
            : .empty
        let html = CampaignPage.render(campaign, forms: forms, agencies: agencyNames, principal: principal, csrf: context.csrfToken,
                                       flash: refusal == nil ? WebStep.flash(request, Self.flashes) : nil, refusal: refusal?.message,
                                       editForm: editForm)
        return Layout.response(html, status: refusal?.status ?? .ok)
    }

    private func step(_ request: Request, _ context: AppRequestContext, open: Bool) async throws -> Response {
        var request = request
        let principal = try Self.staff(context)
        let id = try HTTPInput.id(context, "campaignID", notFound: CampaignController.notFound)
        let form = try await WebForm.read(&request)
        let version = try WebStep.version(form)
        let key = try WebStep.key(form, open ? "campaign.open" : "campaign.close")
        do {
            if open {
                _ = try await services.campaigns.open(actor: principal, tenantID: principal.scope.uuid, id: id,
                                                      expectedVersion: version, idempotencyKey: key)
            } else {
                _ = try await services.campaigns.close(actor: principal, tenantID: principal.scope.uuid, id: id,
                                                       expectedVersion: version, idempotencyKey: key)
            }
            return WebStep.done("/kampanye/\(id.lowercased)", open ? "dibuka" : "ditutup")
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind) {
            return try await show(request, context, refusal: WebStep.refusal(error))
        }
    }

    /// Changes a draft campaign (name, period, agencies, point rules) at the version the form was
    /// read at; a refusal re-renders the page with what was entered.
    private func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.staff(context)
        let id = try HTTPInput.id(context, "campaignID", notFound: CampaignController.notFound)
        let tenantID = principal.scope.uuid
        let form = try await WebForm.read(&request)
        do {
            let version = try WebStep.version(form)
            let agencies = try await services.allAgencies(principal)
            _ = try await services.campaigns.update(actor: principal, tenantID: tenantID, id: id,
                                                    try CampaignEditForm.changes(form, agencies: agencies), expectedVersion: version)
            return WebStep.done("/kampanye/\(id.lowercased)", "diubah")
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind) {
            return try await show(request, context, refusal: SettingsWording.refusal(error), entered: form)
        }
    }
}
