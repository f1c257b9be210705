import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// The staff's view of a campaign's voice: `/kampanye/{id}/formulir`, the forms (paginated,
/// filtered by wish and agency) with their ranked units, and `/kampanye/{id}/sanggahan`, the
/// pending point contests with the tenant admin's decision. The services decide who sees what:
/// tenant admins, approvers and auditors everything, agency operators their agencies' employees.
struct CampaignFormPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/kampanye/{campaignID}/formulir") { request, context in try await forms(request, context) }
        signedIn.get("/kampanye/{campaignID}/sanggahan") { request, context in try await contests(request, context) }
        signedIn.post("/kampanye/{campaignID}/sanggahan") { request, context in try await decide(request, context) }
    }

    static let campaignNotFound = DomainError.notFound("campaign.not_found", "Campaign not found.")
    static let pageSize = 50
    static let staffOnly = DomainError(.forbidden, code: "web.staff_only",
                                       "Halaman ini untuk pengelola kampanye. Formulir Anda sendiri ada di halaman Formulir preferensi.")

    private func staff(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        if principal.role == .employee { throw Self.staffOnly }
        return principal
    }

    /// `?halaman=N` (1 and up) as a page of 50.
    static func page(_ request: Request) throws -> (number: Int, request: PageRequest) {
        let number = try Pager.number(WebForm.query(request)[Pager.parameter])
        return (number, try PageRequest(limit: pageSize, offset: (number - 1) * pageSize))
    }

    // MARK: Forms

    private func forms(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try staff(context)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let campaignID = try HTTPInput.id(context, "campaignID", notFound: Self.campaignNotFound)
        let campaign = try await services.campaigns.get(actor: principal, tenantID: tenantID, id: campaignID)
        var filter = FormFilter()
        if let wish = WebForm.query(request)["keinginan"], !wish.isEmpty {
            guard let value = PreferenceForm.Wish(rawValue: wish) else {
                throw DomainError.invalid("web.invalid_filter", "Saringan keinginan tidak dikenali.", field: "keinginan")
            }
            filter.wish = value
        }
        if let agency = WebForm.query(request)["instansi"], !agency.isEmpty {
            guard let id = UUID(uuidString: agency) else {
                throw DomainError.invalid("web.invalid_filter", "Saringan instansi tidak dikenali.", field: "instansi")
            }
            filter.agencyID = id
        }
        let (number, page) = try Self.page(request)
        let forms = try await services.forms.list(actor: principal, tenantID: tenantID, campaignID: campaign.id, filter: filter, page: page)
        let agencies = try await services.allAgencies(principal)
        let units = try await unitNames(principal, Set(forms.items.flatMap(\.preferences)))
        let html = CampaignFormsPage.render(.init(campaign: campaign, forms: forms, pageNumber: number, filter: filter,
                                                  agencies: agencies, units: units),
                                            principal: principal, csrf: context.csrfToken)
        return Layout.response(html).timed(since: started)
    }

    /// Names of the units a page of forms lists; a unit the reader may not see shows as unknown.
    private func unitNames(_ principal: Principal, _ ids: Set<UUID>) async throws -> [UUID: WorkUnit] {
        var found: [UUID: WorkUnit] = [:]
        for id in ids {
            found[id] = try? await services.units.get(actor: principal, tenantID: principal.scope.uuid, id: id)
        }
        return found
    }

    // MARK: Contests

    private func contests(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try staff(context)
        let campaignID = try HTTPInput.id(context, "campaignID", notFound: Self.campaignNotFound)
        let (number, page) = try Self.page(request)
        return Layout.response(try await contestsPage(principal, context, campaignID, number: number, page: page,
                                                      flash: WebForm.query(request)["pesan"]))
    }

    private func contestsPage(_ principal: Principal, _ context: AppRequestContext, _ campaignID: UUID, number: Int = 1,
                              page: PageRequest? = nil, flash: String? = nil,
                              refused: ContestsPage.Refused? = nil) async throws -> HTML {
        let tenantID = principal.scope.uuid
        let campaign = try await services.campaigns.get(actor: principal, tenantID: tenantID, id: campaignID)
        let pending = try await services.contests.list(actor: principal, tenantID: tenantID, campaignID: campaign.id, state: .pending,
                                                       page: try page ?? PageRequest(limit: Self.pageSize))
        return ContestsPage.render(.init(campaign: campaign, pending: pending, pageNumber: number, flash: flash, refused: refused),
                                   principal: principal, csrf: context.csrfToken)
    }

    private func decide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try staff(context)
        let campaignID = try HTTPInput.id(context, "campaignID", notFound: Self.campaignNotFound)
        var request = request
        let fields = try await WebForm.read(&request)
        guard let contestID = fields["sanggahan"].flatMap(UUID.init(uuidString:)),
              let version = try EmployeePages.version(fields["versi"]) else { throw EmployeePages.badForm }
        let decision = fields["keputusan"] ?? ""
        let adjustmentText = (fields["penyesuaian"] ?? "").trimmingCharacters(in: .whitespaces)
        let note = fields["catatan"] ?? ""
        do {
            var adjustment: Int?
            if !adjustmentText.isEmpty {
                guard adjustmentText.count <= 6, let value = Int(adjustmentText) else {
                    throw DomainError.invalid("contest.invalid_adjustment", "adjustment must be an integer.", field: "adjustment")
                }
                adjustment = value
            }
            _ = try await services.contests.decide(actor: principal, tenantID: principal.scope.uuid, campaignID: campaignID,
                                                   id: contestID, .init(decision: decision, adjustment: adjustment, note: note),
                                                   expectedVersion: version)
            return Response.redirect(to: "/kampanye/\(campaignID.uuidString.lowercased())/sanggahan?pesan=diputuskan", type: .normal)
        } catch let error as DomainError {
            guard let message = FormMessage.shown(error) else { throw error }
            let stale = error.kind == .preconditionFailed
            let refused = ContestsPage.Refused(contestID: contestID, message: message, decision: stale ? "" : decision,
                                               adjustment: stale ? "" : adjustmentText, note: stale ? "" : note)
            return Layout.response(try await contestsPage(principal, context, campaignID, refused: refused), status: message.status)
        }
    }
}
