import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// The needs-analysis (ABK) pages: the list, the entry form with live figures, the analysis with
/// its history and the verification forms. They call `NeedsAnalysisService` as the signed-in
/// user, so the API's role, agency, state and version rules hold; a refused form is shown again
/// with what was typed and a sentence naming the field, with the API's status.
struct NeedsPages {
    let services: Services

    /// Task rows a form may carry, and the highest row index read (rows the script removed leave gaps).
    static let maxRows = 500
    static let maxIndex = 1000

    func register(_ pages: RouterGroup<AppRequestContext>, _ signedIn: RouterGroup<AppRequestContext>) {
        pages.get(RouterPath(NeedsScript.route)) { request, _ in NeedsScript.response(request) }
        signedIn.get("/abk") { request, context in try await list(request, context) }
        signedIn.get("/abk/baru") { request, context in try await newForm(request, context) }
        signedIn.post("/abk/baru") { request, context in try await create(request, context) }
        signedIn.get("/abk/{analysisID}") { request, context in try await detail(request, context) }
        signedIn.get("/abk/{analysisID}/ubah") { _, context in try await editForm(context) }
        signedIn.post("/abk/{analysisID}/ubah") { request, context in try await update(request, context) }
        signedIn.post("/abk/{analysisID}/ajukan") { request, context in try await step(request, context, .submit) }
        signedIn.post("/abk/{analysisID}/setujui") { request, context in try await step(request, context, .approve) }
        signedIn.post("/abk/{analysisID}/kembalikan") { request, context in try await step(request, context, .return) }
    }

    static let notFound = DomainError.notFound("needs.not_found", "Needs analysis not found.")

    /// Refusals a form answers by showing itself again (400, 409, 412); others become error pages.
    static func isFormRefusal(_ error: DomainError) -> Bool {
        [.invalid, .conflict, .preconditionFailed].contains(error.kind)
    }

    private func principal(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        return principal
    }

    // MARK: List

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try principal(context)
        let tenantID = principal.scope.uuid
        let query = request.uri.queryParameters
        var filters = NeedsListPage.Filters()
        var filter = NeedsAnalysisFilter(submittedFirst: principal.role == .tenantAdmin)
        if let text = query.get("tahun"), !text.isEmpty {
            filters.year = text
            guard text.count <= 4, let year = Int(text) else { throw DomainError.invalid("web.year_invalid", "Tahun tidak valid.") }
            filter.year = year
        }
        if let text = query.get("keadaan"), !text.isEmpty {
            filters.state = text
            guard let state = NeedsAnalysis.State(rawValue: text) else { throw DomainError.invalid("web.state_invalid", "Keadaan tidak dikenal.") }
            filter.state = state
        }
        if let text = query.get("instansi"), !text.isEmpty {
            filters.agency = text.lowercased()
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid("web.agency_invalid", "Instansi tidak dikenal.") }
            filter.agencyID = id
        }
        let pageNumber = try Pager.number(query.get(Pager.parameter))
        let page = try await services.needs.list(actor: principal, tenantID: tenantID, filter: filter, page: try PageRequest(
            limit: NeedsListPage.pageSize, offset: (pageNumber - 1) * NeedsListPage.pageSize))
        let agencies = try await services.allAgencies(principal)
        return Layout.response(NeedsListPage.render(page, filters: filters, pageNumber: pageNumber, agencies: agencies,
                                                    principal: principal, csrf: context.csrfToken))
    }

    // MARK: Entry form

    private func slotID(_ request: Request) throws -> UUID? {
        guard let text = request.uri.queryParameters.get("formasi") else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError.notFound("slot.not_found", "Slot not found.") }
        return id
    }

    private func newForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try principal(context)
        guard let slotID = try slotID(request) else {
            guard principal.role == .tenantAdmin || principal.role == .agencyOperator else { throw DomainError.forbidden() }
            return Layout.response(NeedsListPage.chooseSlot(agencies: try await services.allAgencies(principal), principal: principal,
                                                            csrf: context.csrfToken))
        }
        var input = NeedsFormInput()
        input.year = String(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year ?? 2026)
        return try await newFormResponse(principal, context, slotID: slotID, input: input, error: nil)
    }

    private func newFormResponse(_ principal: Principal, _ context: AppRequestContext, slotID: UUID, input: NeedsFormInput,
                                 error: DomainError?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let tenantID = principal.scope.uuid
        let slot = try await services.needs.slot(actor: principal, tenantID: tenantID, slotID: slotID)
        let settings = try await services.needsSettings.get(actor: principal, tenantID: tenantID)
        let open = try await services.needs.list(actor: principal, tenantID: tenantID, filter: NeedsAnalysisFilter(slotID: slotID),
                                                 page: try PageRequest(limit: PageRequest.maxLimit))
        let model = NeedsFormPage.Model(slot: slot, settings: settings, input: input, analysis: nil, figures: nil, error: error,
                                        existing: open.items.filter { $0.state != .approved })
        return Layout.response(NeedsFormPage.render(model, principal: principal, csrf: context.csrfToken), status: status)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try principal(context)
        var request = request
        let form = try await WebForm.read(&request)
        guard let slotID = try slotID(request) else { throw DomainError.notFound("slot.not_found", "Slot not found.") }
        let input = NeedsFormInput(form)
        if form["aksi"] == "tambah" {
            return try await newFormResponse(principal, context, slotID: slotID, input: input, error: nil)
        }
        do {
            let year = try input.validYear()
            let content = try input.content()
            let view = try await services.needs.create(actor: principal, tenantID: principal.scope.uuid, NeedsAnalysisService.Draft(
                slotID: slotID, year: year, tasks: content.tasks, ratio: content.ratio))
            return Response.redirect(to: "/abk/\(view.id.lowercased)?pesan=dibuat", type: .normal)
        } catch let error as DomainError where Self.isFormRefusal(error) {
            return try await newFormResponse(principal, context, slotID: slotID, input: input, error: error,
                                             status: Problem.status(for: error.kind))
        }
    }

    private func editForm(_ context: AppRequestContext) async throws -> Response {
        let principal = try principal(context)
        let id = try HTTPInput.id(context, "analysisID", notFound: Self.notFound)
        let view = try await services.needs.get(actor: principal, tenantID: principal.scope.uuid, id: id)
        return try await editResponse(principal, context, view: view, input: NeedsFormInput(view), figures: view.figures, error: nil)
    }

    private func editResponse(_ principal: Principal, _ context: AppRequestContext, view: NeedsAnalysisView, input: NeedsFormInput,
                              figures: NeedsFigures?, error: DomainError?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let tenantID = principal.scope.uuid
        // The editors' check (the form is for entering), and the slot's staff now.
        let slot = try await services.needs.slot(actor: principal, tenantID: tenantID, slotID: view.slotID)
        guard view.state.isEditable || error != nil else {
            throw DomainError(.conflict, code: "web.needs_not_editable",
                              "ABK ini sedang \(NeedsWording.state(view.state).lowercased()) dan tidak dapat diubah.")
        }
        let settings = try await services.needsSettings.get(actor: principal, tenantID: tenantID)
        let model = NeedsFormPage.Model(slot: slot, settings: settings, input: input, analysis: view, figures: figures, error: error)
        return Layout.response(NeedsFormPage.render(model, principal: principal, csrf: context.csrfToken), status: status)
    }

    private func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try principal(context)
        let id = try HTTPInput.id(context, "analysisID", notFound: Self.notFound)
        var request = request
        let form = try await WebForm.read(&request)
        let tenantID = principal.scope.uuid
        let view = try await services.needs.get(actor: principal, tenantID: tenantID, id: id)
        let input = NeedsFormInput(form)
        // The version the form was read at (not the current one), so a stale form is refused.
        let version = Int(form["versi"] ?? "") ?? -1
        var shown = view
        shown.version = version
        if form["aksi"] == "tambah" {
            return try await editResponse(principal, context, view: shown, input: input, figures: nil, error: nil)
        }
        do {
            _ = try await services.needs.update(actor: principal, tenantID: tenantID, id: id, try input.content(), expectedVersion: version)
            return Response.redirect(to: "/abk/\(id.lowercased)?pesan=disimpan", type: .normal)
        } catch let error as DomainError where Self.isFormRefusal(error) {
            return try await editResponse(principal, context, view: shown, input: input, figures: nil, error: error,
                                          status: Problem.status(for: error.kind))
        }
    }

    // MARK: The analysis and its steps

    private func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try principal(context)
        let id = try HTTPInput.id(context, "analysisID", notFound: Self.notFound)
        let flash = request.uri.queryParameters.get("pesan").flatMap { NeedsDetailPage.flashes[String($0)] }
        return try await detailResponse(principal, context, id: id, flash: flash, error: nil)
    }

    private func detailResponse(_ principal: Principal, _ context: AppRequestContext, id: UUID, flash: String?, error: DomainError?,
                                notes: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let tenantID = principal.scope.uuid
        let view = try await services.needs.get(actor: principal, tenantID: tenantID, id: id)
        var history: [NeedsAnalysisEvent] = []
        while true {
            let page = try await services.needs.history(actor: principal, tenantID: tenantID, id: id,
                                                        page: try PageRequest(limit: PageRequest.maxLimit, offset: history.count))
            history += page.items
            if page.items.isEmpty || history.count >= page.total { break }
        }
        let model = NeedsDetailPage.Model(view: view, history: history, rounding: view.figures.rounding, flash: flash, error: error,
                                          notes: notes)
        return Layout.response(NeedsDetailPage.render(model, principal: principal, csrf: context.csrfToken), status: status)
    }

    private func step(_ request: Request, _ context: AppRequestContext, _ action: NeedsAnalysis.Action) async throws -> Response {
        let principal = try principal(context)
        let id = try HTTPInput.id(context, "analysisID", notFound: Self.notFound)
        var request = request
        let form = try await WebForm.read(&request)
        let tenantID = principal.scope.uuid
        let version = Int(form["versi"] ?? "") ?? -1
        // One key per rendered form: a form sent twice does the step once.
        let key = form["kunci"].map { "web-abk-\($0)" }
        let notes = form["catatan"] ?? ""
        do {
            switch action {
            case .submit:
                _ = try await services.needs.submit(actor: principal, tenantID: tenantID, id: id, expectedVersion: version, idempotencyKey: key)
            case .approve:
                let text = notes.trimmingCharacters(in: .whitespacesAndNewlines)
                _ = try await services.needs.approve(actor: principal, tenantID: tenantID, id: id, expectedVersion: version,
                                                     notes: text.isEmpty ? nil : text, idempotencyKey: key)
            case .return:
                _ = try await services.needs.returnForRevision(actor: principal, tenantID: tenantID, id: id, expectedVersion: version,
                                                               notes: notes, idempotencyKey: key)
            case .create, .update:
                throw Self.notFound
            }
        } catch let error as DomainError where Self.isFormRefusal(error) {
            return try await detailResponse(principal, context, id: id, flash: nil, error: error,
                                            notes: action == .return ? notes : "", status: Problem.status(for: error.kind))
        }
        let flash = switch action { case .submit: "diajukan"; case .approve: "disetujui"; default: "dikembalikan" }
        return Response.redirect(to: "/abk/\(id.lowercased)?pesan=\(flash)", type: .normal)
    }
}
