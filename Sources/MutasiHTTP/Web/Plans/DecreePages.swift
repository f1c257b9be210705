import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// The decrees (SK) of a plan: the list under `/rencana/{id}/sk`, downloads as printable HTML and
/// PDF (the same documents and renderer as the API's), signing (approver) and cancelling
/// (tenant admin). Issuing is a step of the plan page.
struct DecreePages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/rencana/{planID}/sk") { request, context in try await list(request, context) }
        signedIn.get("/sk/{decreeID}.html") { _, context in
            let (principal, id) = try Self.ids(context)
            return DecreeController.html(try await services.decrees.html(actor: principal, tenantID: principal.scope.uuid, id: id))
        }
        signedIn.get("/sk/{decreeID}.pdf") { _, context in
            let (principal, id) = try Self.ids(context)
            var response = DecreeController.pdf(try await services.decrees.pdf(actor: principal, tenantID: principal.scope.uuid, id: id),
                                                name: "sk-\(id.lowercased)")
            response.headers[.contentDisposition] = "attachment; filename=\"sk-\(id.lowercased).pdf\""
            return response
        }
        signedIn.post("/sk/{decreeID}/tandatangani") { request, context in
            try await step(request, context, "sign", flash: "ditandatangani") { p, id, form, version, key in
                try await services.decrees.sign(actor: p, tenantID: p.scope.uuid, id: id, signedOn: try WebStep.date(form, "tanggal"),
                                                expectedVersion: version, idempotencyKey: key)
            }
        }
        signedIn.post("/sk/{decreeID}/batal") { request, context in
            try await step(request, context, "cancel", flash: "sk_dibatalkan") { p, id, form, version, key in
                try await services.decrees.cancel(actor: p, tenantID: p.scope.uuid, id: id, reason: form["alasan"] ?? "",
                                                  expectedVersion: version, idempotencyKey: key)
            }
        }
    }

    static let flashes = ["sk_terbit": "SK diterbitkan.", "ditandatangani": "SK dicatat sudah ditandatangani.",
                          "sk_dibatalkan": "SK dibatalkan; nomornya tidak dipakai lagi."]

    static func ids(_ context: AppRequestContext) throws -> (Principal, UUID) {
        (try PlanPages.reader(context), try HTTPInput.id(context, "decreeID", notFound: DecreeController.notFound))
    }

    private func list(_ request: Request, _ context: AppRequestContext, refusal: WebStep.Refusal? = nil,
                      planID known: UUID? = nil) async throws -> Response {
        let principal = try PlanPages.reader(context)
        let tenantID = principal.scope.uuid
        let planID = try known ?? HTTPInput.id(context, "planID", notFound: PlanController.notFound)
        let plan = try await services.plans.get(actor: principal, tenantID: tenantID, id: planID).plan
        let decrees = try await services.decrees.list(actor: principal, tenantID: tenantID, planID: planID)
        let html = DecreeListPage.render(plan: plan, decrees: decrees, principal: principal, csrf: context.csrfToken,
                                         flash: WebStep.flash(request, Self.flashes), refusal: refusal?.message,
                                         today: WebStep.day(services.env.now()))
        return Layout.response(html, status: refusal?.status ?? .ok)
    }

    private func step(_ request: Request, _ context: AppRequestContext, _ action: String, flash: String,
                      _ body: (Principal, UUID, WebForm, Int, String) async throws -> Decree) async throws -> Response {
        var request = request
        let (principal, id) = try Self.ids(context)
        let form = try await WebForm.read(&request)
        let version = try WebStep.version(form)
        let key = try WebStep.key(form, "decree.\(action)")
        do {
            let decree = try await body(principal, id, form, version, key)
            return WebStep.done("/rencana/\(decree.planID.lowercased)/sk", flash)
        } catch let error as DomainError where [.invalid, .conflict, .preconditionFailed].contains(error.kind) {
            let decree = try await services.decrees.get(actor: principal, tenantID: principal.scope.uuid, id: id)
            return try await list(request, context, refusal: WebStep.refusal(error), planID: decree.planID)
        }
    }
}

extension Decree.Status {
    var webLabel: String {
        switch self {
        case .issued: "Terbit"
        case .signed: "Ditandatangani"
        case .cancelled: "Dibatalkan"
        }
    }
}

/// `/rencana/{id}/sk`: a plan's decrees with their number, state and downloads, and the steps
/// each allows the reader.
enum DecreeListPage {
    static func render(plan: TransferPlan, decrees: [Decree], principal: Principal, csrf: String, flash: String?, refusal: String?,
                       today: CalendarDate) -> HTML {
        let rows = decrees.map { d -> HTML in
            let id = d.id.lowercased
            var actions: [HTML] = []
            if principal.role == .approver, d.status == .issued {
                actions.append("""
                    <form method="post" action="/sk/\(id)/tandatangani" class="stack">\(WebStep.hidden(csrf: csrf, version: d.version))
                    <label for="s-\(id)">Tanggal tanda tangan</label>
                    <input id="s-\(id)" name="tanggal" required value="\(today.iso)">
                    <button type="submit">Catat ditandatangani</button></form>
                    """)
            }
            if principal.role == .tenantAdmin, d.status != .cancelled {
                actions.append("""
                    <details><summary>Batalkan SK</summary>
                    <form method="post" action="/sk/\(id)/batal" class="stack">\(WebStep.hidden(csrf: csrf, version: d.version))
                    <label for="c-\(id)">Alasan pembatalan (10–1.000 karakter)</label>
                    <textarea id="c-\(id)" name="alasan" required minlength="10" maxlength="1000"></textarea>
                    <button type="submit" class="danger">Batalkan SK</button></form></details>
                    """)
            }
            let signed: HTML = d.signedOn.map { v -> HTML in " · \(IndonesianFormat.date(v))" } ?? .empty
            return """
                <tr><th scope="row">\(d.number)</th><td>\(d.status.webLabel)\(signed)</td>
                <td>\(IndonesianFormat.date(d.effectiveDate))</td><td class="num">\(IndonesianFormat.number(d.rowCount))</td>
                <td><a href="/sk/\(id).html">HTML</a> · <a href="/sk/\(id).pdf" download>PDF</a></td>
                <td>\(actions)</td></tr>
                """
        }
        let table: HTML = decrees.isEmpty ? "<p>Rencana ini belum memiliki SK.</p>" : """
            <div class="scroll"><table>
            <caption>Surat keputusan (\(IndonesianFormat.number(decrees.count)))</caption>
            <thead><tr><th scope="col">Nomor</th><th scope="col">Status</th><th scope="col">TMT</th><th scope="col" class="num">Pegawai</th>
            <th scope="col">Unduh</th><th scope="col">Langkah</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let body: HTML = """
            <p><a href="/rencana/\(plan.id.lowercased)">← \(plan.name)</a></p>
            <h1>SK rencana \(plan.name)</h1>
            \(StepNotice.render(flash: flash, refusal: refusal))
            <p>Status rencana: <span class="state state-\(plan.stateClass)">\(plan.stateText)</span></p>
            \(table)
            """
        return Layout.page(title: "SK \(plan.name)", principal: principal, csrf: csrf, current: "/rencana", body: body)
    }
}
