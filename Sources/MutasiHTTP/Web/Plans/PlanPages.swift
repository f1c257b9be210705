import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// `/rencana`: transfer plans. Tenant admins, approvers and auditors read them (the service's
/// readers). Tenant admins build a plan from a closed campaign, open it for review, decide
/// objections, submit and cancel it; approvers drop moves, approve or reject. Every step passes
/// the version the page showed and a key from the form, through the same services as the API.
struct PlanPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/rencana") { request, context in try await list(request, context) }
        signedIn.post("/rencana") { request, context in try await create(request, context) }
        signedIn.get("/rencana/{planID}") { request, context in try await show(request, context) }
        signedIn.post("/rencana/{planID}/tinjau") { request, context in
            try await step(request, context, "tinjau", flash: "ditinjau") { p, t, id, form, version, key in
                let deadline = try WebStep.text(form, "batas").isEmpty ? nil : WebStep.moment(form, "batas")
                _ = try await services.planReview.openReview(actor: p, tenantID: t, planID: id, answerDeadline: deadline,
                                                             expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/keberatan/{employeeID}") { request, context in
            try await step(request, context, "keberatan", flash: "diputuskan") { p, t, id, form, version, key in
                let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
                _ = try await services.planReview.decideObjection(actor: p, tenantID: t, planID: id, employeeID: employeeID,
                                                                  decision: form["keputusan"] ?? "", note: form["catatan"] ?? "",
                                                                  expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/ajukan") { request, context in
            try await step(request, context, "ajukan", flash: "diajukan") { p, t, id, _, version, key in
                _ = try await services.planDecisions.submit(actor: p, tenantID: t, planID: id, expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/usulan/{employeeID}/hapus") { request, context in
            try await step(request, context, "hapus", flash: "dihapus") { p, t, id, form, version, key in
                let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
                _ = try await services.planDecisions.dropMove(actor: p, tenantID: t, planID: id, employeeID: employeeID,
                                                              reason: form["alasan"] ?? "", expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/setujui") { request, context in
            try await step(request, context, "setujui", flash: "disetujui") { p, t, id, form, version, key in
                let note = WebStep.text(form, "catatan")
                _ = try await services.planDecisions.approve(actor: p, tenantID: t, planID: id, note: note.isEmpty ? nil : note,
                                                             expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/tolak") { request, context in
            try await step(request, context, "tolak", flash: "ditolak") { p, t, id, form, version, key in
                _ = try await services.planDecisions.reject(actor: p, tenantID: t, planID: id, reason: form["alasan"] ?? "",
                                                            expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/batal") { request, context in
            try await step(request, context, "batal", flash: "dibatalkan") { p, t, id, form, version, key in
                _ = try await services.planDecisions.cancel(actor: p, tenantID: t, planID: id, reason: form["alasan"] ?? "",
                                                            expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/rencana/{planID}/sk") { request, context in
            try await step(request, context, "sk", flash: "sk_terbit", to: "/sk") { p, t, id, form, version, key in
                _ = try await services.decrees.issue(actor: p, tenantID: t, planID: id, effectiveDate: try WebStep.date(form, "tmt"),
                                                     expectedVersion: version, idempotencyKey: key)
            }
        }
    }

    static let moveNotFound = DomainError.notFound("plan_move.not_found", "The plan proposes no move for this employee.")
    static let pageSize = 50
    static let flashes = [
        "disusun": "Rencana dicatat dan sedang disusun.", "ditinjau": "Rencana dibuka untuk tanggapan pegawai.",
        "diputuskan": "Keberatan diputuskan.", "diajukan": "Rencana diajukan untuk persetujuan.",
        "dihapus": "Usulan dihapus dari rencana.", "disetujui": "Rencana disetujui.", "ditolak": "Rencana ditolak.",
        "dibatalkan": "Rencana dibatalkan.",
    ]

    static func reader(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        return principal
    }

    // MARK: List and build

    private func list(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      entered: WebForm? = nil) async throws -> Response {
        let principal = try Self.reader(context)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let number = try Pager(request).number
        let page = try await services.plans.list(actor: principal, tenantID: tenantID,
                                                 page: try PageRequest(limit: Self.pageSize, offset: (number - 1) * Self.pageSize))
        let campaigns = try await services.campaigns.list(actor: principal, tenantID: tenantID,
                                                          page: try PageRequest(limit: PageRequest.maxLimit)).items
        let html = PlanListPage.render(page: page, number: number, campaigns: campaigns, principal: principal, csrf: context.csrfToken,
                                       flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message, entered: entered)
        return Layout.response(html, status: refusal?.status ?? .ok).timed(since: started)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let principal = try Self.reader(context)
        let form = try await WebForm.read(&request)
        let key = try WebStep.key(form, "plan.create")
        do {
            guard let campaignID = UUID(uuidString: form["kampanye"] ?? "") else {
                throw DomainError.invalid("web.campaign_required", "Pilih kampanye yang sudah ditutup.", field: "campaignID")
            }
            let status = try await services.plans.create(actor: principal, tenantID: principal.scope.uuid, name: WebStep.text(form, "nama"),
                                                         policy: PlanPolicy.Overrides(), campaignID: campaignID, idempotencyKey: key)
            return WebStep.done("/rencana/\(status.plan.id.lowercased)", "disusun")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            return try await list(request, context, refusal: WebStep.refusal(error), entered: form)
        }
    }

    // MARK: One plan

    /// The filters of the moves table, from the query.
    struct Filters {
        var from: UUID?
        var to: UUID?
        var kind: String?
        var answer: AnswerCounts.Filter?
        var page: Int

        init(_ request: Request) throws {
            let q = request.uri.queryParameters
            from = q.get("asal").flatMap { UUID(uuidString: $0) }
            to = q.get("tujuan").flatMap { UUID(uuidString: $0) }
            kind = q.get("jenis").flatMap { PlanService.moveKinds.contains($0) ? $0 : nil }
            answer = q.get("tanggapan").flatMap { AnswerCounts.Filter(rawValue: $0) }
            page = try Pager(request).number
        }

        /// The query that keeps these filters (for the pager).
        var query: String {
            var parts: [String] = []
            if let from { parts.append("asal=\(from.lowercased)") }
            if let to { parts.append("tujuan=\(to.lowercased)") }
            if let kind { parts.append("jenis=\(kind)") }
            if let answer { parts.append("tanggapan=\(answer.rawValue)") }
            return parts.joined(separator: "&")
        }
    }

    private func show(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      entered: (action: String, form: WebForm)? = nil) async throws -> Response {
        let principal = try Self.reader(context)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let id = try HTTPInput.id(context, "planID", notFound: PlanController.notFound)
        let status = try await services.plans.get(actor: principal, tenantID: tenantID, id: id)
        let filters = try Filters(request)
        var data = PlanPage.Data(status: status, filters: filters)
        if status.plan.buildState == .built {
            data.moves = try await services.plans.moves(
                actor: principal, tenantID: tenantID, id: id, answer: filters.answer,
                filter: MoveFilter(fromAgencyID: filters.from, toAgencyID: filters.to, kind: filters.kind),
                page: try PageRequest(limit: Self.pageSize, offset: (filters.page - 1) * Self.pageSize))
        }
        data.history = try await services.planDecisions.history(actor: principal, tenantID: tenantID, planID: id)
        data.agencies = try await services.allAgencies(principal)
        if let campaignID = status.plan.campaignID {
            data.campaign = try? await services.campaigns.get(actor: principal, tenantID: tenantID, id: campaignID)
            data.forms = try? await services.forms.list(actor: principal, tenantID: tenantID, campaignID: campaignID,
                                                        page: try PageRequest(limit: 1)).total
        }
        data.today = WebStep.day(services.env.now())
        let html = PlanPage.render(data, principal: principal, csrf: context.csrfToken,
                                   flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message, entered: entered)
        return Layout.response(html, status: refusal?.status ?? .ok).timed(since: started)
    }

    /// One step on the plan: reads the form, runs `body` with the form's version and key, then
    /// 303 to the plan (or `to` under it) with `flash`; a refusal re-renders the plan with its message.
    private func step(_ request: Request, _ context: AppRequestContext, _ action: String, flash: String, to suffix: String = "",
                      _ body: (Principal, UUID, UUID, WebForm, Int, String) async throws -> Void) async throws -> Response {
        var request = request
        let principal = try Self.reader(context)
        let id = try HTTPInput.id(context, "planID", notFound: PlanController.notFound)
        let form = try await WebForm.read(&request)
        let version = try WebStep.version(form)
        let key = try WebStep.key(form, "plan.\(action)")
        do {
            try await body(principal, principal.scope.uuid, id, form, version, key)
            return WebStep.done("/rencana/\(id.lowercased)\(suffix)", flash)
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind)
            || error.code == "plan.four_eyes" {
            return try await show(request, context, refusal: WebStep.refusal(error), entered: (action, form))
        }
    }
}
