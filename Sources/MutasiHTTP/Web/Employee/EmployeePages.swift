import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// The employee's own pages under `/saya`: the preference form of the open campaign, the
/// priority points with the contest form, the moves proposed in plans under review, and the
/// decree extracts. Each calls the service the API's `.../me` routes call, as the signed-in
/// employee; the services apply every rule and the pages put their refusals into words.
struct EmployeePages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/saya/preferensi") { request, context in try await preferences(request, context) }
        signedIn.post("/saya/preferensi") { request, context in try await savePreferences(request, context) }
        signedIn.get("/saya/poin") { request, context in try await points(request, context) }
        signedIn.post("/saya/poin") { request, context in try await contest(request, context) }
        signedIn.get("/saya/usulan") { request, context in try await proposals(request, context) }
        signedIn.post("/saya/usulan") { request, context in try await answer(request, context) }
        signedIn.get("/saya/sk") { _, context in try await extracts(context) }
        signedIn.get("/saya/sk/{decreeID}") { _, context in try await extract(context) }
    }

    static let employeesOnly = DomainError(.forbidden, code: "web.employees_only",
                                           "Halaman ini untuk pegawai: menampilkan data kepegawaian Anda sendiri.")

    private func employee(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard principal.role == .employee else { throw Self.employeesOnly }
        return principal
    }

    /// The open campaign that covers the employee (the service lists only those to employees).
    private func openCampaign(_ principal: Principal) async throws -> Campaign? {
        try await services.campaigns.list(actor: principal, tenantID: principal.scope.uuid, state: .open,
                                          page: try PageRequest(limit: 1)).items.first
    }

    private static func query(_ request: Request, _ name: String) -> String? {
        WebForm.query(request)[name]
    }

    // MARK: Preference form

    private func preferences(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        guard let campaign = try await openCampaign(principal) else {
            return Layout.response(PreferencePage.noCampaign(principal: principal, csrf: context.csrfToken))
        }
        let form = try await ownForm(principal, campaign)
        var state = PreferencePage.State(campaign: campaign, form: form)
        if let raw = Self.query(request, "pilihan") {
            state.choices = try PreferencePage.choices(raw)
        }
        state.search = String((Self.query(request, "cari") ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        state.flash = Self.query(request, "pesan")
        return Layout.response(try await render(state, principal, context))
    }

    private func savePreferences(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        var request = request
        let fields = try await WebForm.read(&request)
        guard let campaignID = fields["kampanye"].flatMap(UUID.init(uuidString:)) else { throw Self.badForm }
        let entered = try PreferencePage.Entered(fields)
        do {
            _ = try await services.forms.file(actor: principal, tenantID: principal.scope.uuid, campaignID: campaignID,
                                              entered.input, expectedVersion: try Self.version(fields["versi"]))
            return Response.redirect(to: "/saya/preferensi?pesan=disimpan", type: .normal)
        } catch let error as DomainError {
            guard let message = FormMessage.shown(error) else { throw error }
            guard let campaign = try await openCampaign(principal), campaign.id == campaignID else {
                return Layout.response(PreferencePage.noCampaign(principal: principal, csrf: context.csrfToken, message: message),
                                       status: message.status)
            }
            var state = PreferencePage.State(campaign: campaign, form: try await ownForm(principal, campaign))
            state.choices = entered.choices
            state.entered = entered
            state.message = message
            // A stale form shows what is stored now, so the employee sees what changed.
            if error.kind == .preconditionFailed || error.kind == .preconditionRequired {
                state.choices = state.form?.preferences ?? []
                state.entered = nil
            }
            return Layout.response(try await render(state, principal, context), status: message.status)
        }
    }

    static let badForm = DomainError.invalid("web.form_invalid", "Formulir tidak lengkap atau rusak. Muat ulang halaman lalu coba lagi.")

    /// The version a form carried (empty: none yet); anything but a small integer is a broken form.
    static func version(_ text: String?) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count <= 10, let value = Int(text), (0...Int(Int32.max)).contains(value) else { throw badForm }
        return value
    }

    private func ownForm(_ principal: Principal, _ campaign: Campaign) async throws -> PreferenceForm? {
        do {
            return try await services.forms.mine(actor: principal, tenantID: principal.scope.uuid, campaignID: campaign.id)
        } catch let error as DomainError where error.code == "form.not_found" {
            return nil
        }
    }

    private func render(_ state: PreferencePage.State, _ principal: Principal, _ context: AppRequestContext) async throws -> HTML {
        var state = state
        let tenantID = principal.scope.uuid
        for id in state.choices where state.units[id] == nil {
            state.units[id] = try? await services.units.get(actor: principal, tenantID: tenantID, id: id)
        }
        if !state.search.isEmpty {
            let found = try await services.units.list(actor: principal, tenantID: tenantID,
                                                      filter: WorkUnitFilter(search: state.search), page: try PageRequest(limit: 20))
            state.results = found.items.filter { state.campaign.covers(agencyID: $0.agencyID) }
        }
        if state.form != nil {
            state.versions = try await services.forms.myVersions(actor: principal, tenantID: tenantID, campaignID: state.campaign.id,
                                                                 page: try PageRequest(limit: 20)).items
        }
        return PreferencePage.render(state, principal: principal, csrf: context.csrfToken)
    }

    // MARK: Points and contests

    private func points(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        guard let campaign = try await openCampaign(principal) else {
            return Layout.response(PointsPage.noCampaign(principal: principal, csrf: context.csrfToken))
        }
        return Layout.response(try await pointsPage(principal, campaign, context, flash: Self.query(request, "pesan")))
    }

    private func pointsPage(_ principal: Principal, _ campaign: Campaign, _ context: AppRequestContext, flash: String? = nil,
                            message: FormMessage? = nil, reason: String = "") async throws -> HTML {
        let tenantID = principal.scope.uuid
        let entry = try await services.points.mine(actor: principal, tenantID: tenantID, campaignID: campaign.id)
        let contests = try await services.contests.mine(actor: principal, tenantID: tenantID, campaignID: campaign.id,
                                                        page: try PageRequest(limit: 20)).items
        return PointsPage.render(.init(campaign: campaign, entry: entry, contests: contests, flash: flash, message: message,
                                       reason: reason, key: WebSession.randomValue()),
                                 principal: principal, csrf: context.csrfToken)
    }

    private func contest(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        var request = request
        let fields = try await WebForm.read(&request)
        guard let campaignID = fields["kampanye"].flatMap(UUID.init(uuidString:)) else { throw Self.badForm }
        let reason = fields["alasan"] ?? ""
        do {
            _ = try await services.contests.file(actor: principal, tenantID: principal.scope.uuid, campaignID: campaignID,
                                                 .init(reason: reason), idempotencyKey: fields["kunci"].flatMap { $0.isEmpty ? nil : "web-\($0)" })
            return Response.redirect(to: "/saya/poin?pesan=sanggahan", type: .normal)
        } catch let error as DomainError {
            guard let message = FormMessage.shown(error) else { throw error }
            guard let campaign = try await openCampaign(principal), campaign.id == campaignID else {
                return Layout.response(PointsPage.noCampaign(principal: principal, csrf: context.csrfToken, message: message),
                                       status: message.status)
            }
            return Layout.response(try await pointsPage(principal, campaign, context, message: message, reason: reason),
                                   status: message.status)
        }
    }

    // MARK: Proposed moves

    private func proposals(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        let moves = try await services.moveAnswers.mine(actor: principal, tenantID: principal.scope.uuid).items
        return Layout.response(ProposedMovePage.render(moves, principal: principal, csrf: context.csrfToken,
                                                       flash: Self.query(request, "pesan")))
    }

    private func answer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        var request = request
        let fields = try await WebForm.read(&request)
        guard let planID = fields["rencana"].flatMap(UUID.init(uuidString:)) else { throw Self.badForm }
        let reason = fields["alasan"] ?? ""
        let input = MoveAnswerService.Input(answer: fields["jawaban"] ?? "", reason: reason.isEmpty ? nil : reason)
        do {
            _ = try await services.moveAnswers.answer(actor: principal, tenantID: principal.scope.uuid, planID: planID, input,
                                                      expectedVersion: try Self.version(fields["versi"]))
            return Response.redirect(to: "/saya/usulan?pesan=dijawab", type: .normal)
        } catch let error as DomainError {
            guard let message = FormMessage.shown(error) else { throw error }
            let moves = try await services.moveAnswers.mine(actor: principal, tenantID: principal.scope.uuid).items
            let stale = error.kind == .preconditionFailed || error.kind == .preconditionRequired
            return Layout.response(ProposedMovePage.render(
                moves, principal: principal, csrf: context.csrfToken,
                refused: .init(planID: planID, message: message, answer: stale ? nil : input.answer, reason: stale ? nil : reason)),
                status: message.status)
        }
    }

    // MARK: Decree extracts

    private func extracts(_ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        let decrees = try await services.decrees.myExtracts(actor: principal, tenantID: principal.scope.uuid)
        return Layout.response(ExtractPage.render(decrees, principal: principal, csrf: context.csrfToken))
    }

    static let extractNotFound = DomainError.notFound("decree.extract_not_found", "Extract not found.")

    /// `/saya/sk/{id}.pdf` or `.html`: the employee's own extract of a signed decree.
    private func extract(_ context: AppRequestContext) async throws -> Response {
        let principal = try employee(context)
        let name = context.parameters.get("decreeID") ?? ""
        let format = name.hasSuffix(".pdf") ? "pdf" : name.hasSuffix(".html") ? "html" : ""
        guard !format.isEmpty, let id = UUID(uuidString: String(name.dropLast(format.count + 1))) else { throw Self.extractNotFound }
        let tenantID = principal.scope.uuid
        if format == "pdf" {
            let data = try await services.decrees.myExtractPDF(actor: principal, tenantID: tenantID, id: id)
            return Response(status: .ok, headers: [.contentType: "application/pdf",
                                                   .contentDisposition: "attachment; filename=\"petikan-\(id.uuidString.lowercased()).pdf\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        guard let employeeID = principal.user.employeeID else { throw Self.extractNotFound }
        let html = try await services.decrees.extractHTML(actor: principal, tenantID: tenantID, id: id, employeeID: employeeID)
        // The printable document carries its own inline styles; nothing else may load.
        return Response(status: .ok, headers: [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
        ], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
