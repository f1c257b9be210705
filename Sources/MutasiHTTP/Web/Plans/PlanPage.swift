import Foundation
import MutasiDomain
import MutasiServices

/// `/rencana/{id}`: one plan. Its figures before and after, the voice of the campaign, the
/// answers, the steps its status allows the reader, the moves (filtered, paginated, each with
/// its explanation) and its history.
enum PlanPage {
    struct Data {
        var status: PlanStatus
        var filters: PlanPages.Filters
        var moves: Page<PlanMove>?
        var history: [PlanEvent] = []
        var agencies: [Agency] = []
        var campaign: Campaign?
        var forms: Int?
        var today: CalendarDate = try! CalendarDate(year: 2000, month: 1, day: 1)
    }

    static func render(_ d: Data, principal: Principal, csrf: String, flash: String?, refusal: String?,
                       entered: (action: String, form: WebForm)?) -> HTML {
        let plan = d.status.plan
        let path = "/rencana/\(plan.id.lowercased)"
        let campaign: HTML = d.campaign.map { c -> HTML in "<a href=\"/kampanye/\(c.id.lowercased)\">\(c.name)</a>" } ?? "-"
        var content: HTML
        switch plan.buildState {
        case .queued, .building:
            let progress = d.status.job.map { Int(($0.progress * 100).rounded()) } ?? 0
            content = """
                <p class="notice" role="status">Rencana sedang disusun (\(progress)%). Penyusunan berjalan di server;
                halaman ini tidak berubah sendiri. <a href="\(path)">Muat ulang</a></p>
                """
        case .failed:
            content = "<p class=\"notice error\">Rencana gagal disusun: \(plan.buildError ?? "sebab tidak diketahui").</p>"
        case .built:
            content = """
                \(figures(plan, forms: d.forms))
                \(steps(plan, principal: principal, csrf: csrf, entered: entered, today: d.today))
                \(movesSection(d, path: path, principal: principal, csrf: csrf, entered: entered))
                """
        }
        let body: HTML = """
            <p><a href="/rencana">← Daftar rencana</a></p>
            <h1>\(plan.name)</h1>
            \(StepNotice.render(flash: flash, refusal: refusal))
            <dl class="facts">
            <dt>Status</dt><dd><span class="state state-\(plan.stateClass)">\(plan.stateText)</span></dd>
            <dt>Kampanye</dt><dd>\(campaign)</dd>
            <dt>Dibuat</dt><dd>\(WebStep.when(plan.createdAt))</dd>
            <dt>Selesai disusun</dt><dd>\(plan.builtAt.map { WebStep.when($0) } ?? "-")</dd>
            <dt>Batas tanggapan</dt><dd>\(plan.answerDeadline.map { WebStep.when($0) } ?? "-")</dd>
            <dt>TMT</dt><dd>\(plan.effectiveDate.map { IndonesianFormat.date($0) } ?? "-")</dd>
            </dl>
            \(decreeLink(plan))
            \(content)
            \(history(d.history))
            """
        return Layout.page(title: plan.name, principal: principal, csrf: csrf, current: "/rencana", body: body)
    }

    static func decreeLink(_ plan: TransferPlan) -> HTML {
        [.approved, .decreed, .executed, .cancelled].contains(plan.status)
            ? "<p><a href=\"/rencana/\(plan.id.lowercased)/sk\">Surat keputusan (SK) rencana ini</a></p>" : .empty
    }

    /// `0,123`: an imbalance as the API gives it, three decimals.
    static func decimal(_ value: Double) -> String {
        String(format: "%.3f", value).replacingOccurrences(of: ".", with: ",")
    }

    static func figures(_ plan: TransferPlan, forms: Int?) -> HTML {
        func row(_ label: String, _ before: String, _ after: String) -> HTML {
            "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(before)</td><td class=\"num\">\(after)</td></tr>"
        }
        let b = plan.before, a = plan.after
        let n = { (v: Int?) in v.map { IndonesianFormat.number($0) } ?? "-" }
        let balance: HTML = """
            <div class="scroll"><table>
            <caption>Keseimbangan sebelum dan sesudah rencana</caption>
            <thead><tr><th scope="col">Angka</th><th scope="col" class="num">Sebelum</th><th scope="col" class="num">Sesudah</th></tr></thead>
            <tbody>
            \(row("Kebutuhan", n(b?.need), n(a?.need)))
            \(row("Kekurangan", n(b?.deficit), n(a?.deficit)))
            \(row("Kelebihan", n(b?.surplus), n(a?.surplus)))
            \(row("Ketimpangan", b.map { decimal($0.imbalance) } ?? "-", a.map { decimal($0.imbalance) } ?? "-"))
            </tbody></table></div>
            """
        var facts: [(String, String)] = [("Usulan mutasi", n(plan.moveCount))]
        if let forms { facts.append(("Formulir kampanye", n(forms))) }
        if let v = plan.voice {
            facts += [("Relawan", n(v.volunteers)), ("Relawan dipindahkan", n(v.volunteersMoved)),
                      ("Keinginan terpenuhi", n(v.movesOnWish)), ("Mutasi wajib", n(v.compulsoryMoves)),
                      ("Mutasi wajib bertentangan keinginan", n(v.compulsoryAgainstWish)),
                      ("Keinginan tetap yang tidak terpenuhi", n(v.stayOverridden)), ("Pertukaran", n(v.exchanges))]
        }
        if let x = plan.answers {
            facts += [("Tanggapan: terima", n(x.accepted)), ("Tanggapan: keberatan", n(x.objected)),
                      ("Belum menanggapi", n(x.pending)), ("Keberatan diterima", n(x.upheld)), ("Keberatan ditolak", n(x.rejected))]
        }
        let items = facts.map { f -> HTML in "<dt>\(f.0)</dt><dd>\(f.1)</dd>" }
        return """
            <h2>Angka rencana</h2>
            \(balance)
            <dl class="facts">\(items)</dl>
            """
    }

    /// The step forms the plan's status and the reader's role allow.
    static func steps(_ plan: TransferPlan, principal: Principal, csrf: String, entered: (action: String, form: WebForm)?,
                      today: CalendarDate) -> HTML {
        let path = "/rencana/\(plan.id.lowercased)"
        let hidden = WebStep.hidden(csrf: csrf, version: plan.version)
        func value(_ action: String, _ field: String) -> String { entered?.action == action ? entered?.form[field] ?? "" : "" }
        var forms: [HTML] = []
        switch principal.role {
        case .tenantAdmin:
            if plan.status == .draft {
                forms.append("""
                    <form method="post" action="\(path)/tinjau" class="stack">\(hidden)
                    <label for="p-batas">Batas tanggapan pegawai (tanggal atau tanggal dan jam UTC; kosong: batas kampanye)</label>
                    <input id="p-batas" name="batas" value="\(value("tinjau", "batas"))" placeholder="2026-12-31 17:00">
                    <button type="submit">Buka untuk tanggapan pegawai</button></form>
                    """)
            }
            if plan.status == .inReview {
                forms.append("""
                    <form method="post" action="\(path)/ajukan">\(hidden)
                    <button type="submit">Ajukan untuk persetujuan</button></form>
                    """)
            }
            if plan.status == .approved {
                forms.append("""
                    <form method="post" action="\(path)/sk" class="stack">\(hidden)
                    <label for="p-tmt">TMT (terhitung mulai tanggal)</label>
                    <input id="p-tmt" name="tmt" required value="\(entered?.action == "sk" ? value("sk", "tmt") : today.firstOfNextMonth.iso)" placeholder="2027-01-01">
                    <button type="submit">Terbitkan SK</button></form>
                    """)
            }
            if plan.status.isCancellable {
                forms.append("""
                    <details><summary>Batalkan rencana</summary>
                    <form method="post" action="\(path)/batal" class="stack">\(hidden)
                    <label for="p-batal">Alasan pembatalan (10–1.000 karakter)</label>
                    <textarea id="p-batal" name="alasan" required minlength="10" maxlength="1000">\(value("batal", "alasan"))</textarea>
                    <button type="submit" class="danger">Batalkan rencana</button></form></details>
                    """)
            }
        case .approver where plan.status == .submitted:
            forms.append("""
                <form method="post" action="\(path)/setujui" class="stack">\(hidden)
                <label for="p-catatan">Catatan persetujuan (boleh kosong)</label>
                <textarea id="p-catatan" name="catatan" maxlength="1000">\(value("setujui", "catatan"))</textarea>
                <button type="submit">Setujui rencana</button></form>
                """)
            forms.append("""
                <details><summary>Tolak rencana</summary>
                <form method="post" action="\(path)/tolak" class="stack">\(hidden)
                <label for="p-tolak">Alasan penolakan (10–1.000 karakter)</label>
                <textarea id="p-tolak" name="alasan" required minlength="10" maxlength="1000">\(value("tolak", "alasan"))</textarea>
                <button type="submit" class="danger">Tolak rencana</button></form></details>
                """)
        default: break
        }
        guard !forms.isEmpty else { return .empty }
        return """
            <section class="panel steps"><h2>Langkah</h2>\(forms)</section>
            """
    }

    static func kindName(_ kind: String) -> String {
        switch kind {
        case "voluntary": "Sukarela"
        case "compulsory": "Wajib"
        default: kind
        }
    }

    static func answerText(_ move: PlanMove) -> String {
        if move.dropped != nil { return "Dihapus" }
        guard let a = move.answer else { return "Belum menanggapi" }
        switch (a.answer, a.decision) {
        case (.accept, _): return "Menerima"
        case (.object, nil): return "Keberatan (belum diputuskan)"
        case (.object, .upheld?): return "Keberatan diterima"
        case (.object, .rejected?): return "Keberatan ditolak"
        }
    }

    static func filterForm(_ d: Data, path: String) -> HTML {
        func agencyOptions(_ chosen: UUID?) -> HTML {
            let options = d.agencies.map { a -> HTML in
                let selected: HTML = chosen == a.id ? " selected" : ""
                return "<option value=\"\(a.id.lowercased)\"\(selected)>\(a.name)</option>"
            }
            return "<option value=\"\">Semua instansi</option>\(options)"
        }
        func options(_ pairs: [(String, String)], _ chosen: String?) -> HTML {
            let all = pairs.map { p -> HTML in
                let selected: HTML = chosen == p.0 ? " selected" : ""
                return "<option value=\"\(p.0)\"\(selected)>\(p.1)</option>"
            }
            return "<option value=\"\">Semua</option>\(all)"
        }
        let answers: [(String, String)] = [("accepted", "Menerima"), ("objected", "Keberatan"), ("pending", "Belum menanggapi"),
                                           ("upheld", "Keberatan diterima"), ("rejected", "Keberatan ditolak")]
        return """
            <form method="get" action="\(path)" class="filters">
            <div><label for="f-asal">Instansi asal</label><select id="f-asal" name="asal">\(agencyOptions(d.filters.from))</select></div>
            <div><label for="f-tujuan">Instansi tujuan</label><select id="f-tujuan" name="tujuan">\(agencyOptions(d.filters.to))</select></div>
            <div><label for="f-jenis">Jenis</label><select id="f-jenis" name="jenis">\(options([("voluntary", "Sukarela"), ("compulsory", "Wajib")], d.filters.kind))</select></div>
            <div><label for="f-tanggapan">Tanggapan</label><select id="f-tanggapan" name="tanggapan">\(options(answers, d.filters.answer?.rawValue))</select></div>
            <div><button type="submit">Saring</button> <a href="\(path)">Hapus saringan</a></div>
            </form>
            """
    }

    static func movesSection(_ d: Data, path: String, principal: Principal, csrf: String,
                             entered: (action: String, form: WebForm)?) -> HTML {
        guard let moves = d.moves else { return .empty }
        let plan = d.status.plan
        let rows = moves.items.map { m -> HTML in
            let employee = m.employeeID.lowercased
            let paragraphs = m.explanation.split(separator: "\n").map { line -> HTML in "<p>\(String(line))</p>" }
            var actions: HTML = .empty
            if principal.role == .approver, plan.status == .submitted, m.dropped == nil {
                actions = """
                    <form method="post" action="\(path)/usulan/\(employee)/hapus" class="stack">
                    \(WebStep.hidden(csrf: csrf, version: plan.version))
                    <label for="d-\(employee)">Alasan menghapus usulan (10–1.000 karakter)</label>
                    <textarea id="d-\(employee)" name="alasan" required minlength="10" maxlength="1000"></textarea>
                    <button type="submit" class="danger">Hapus usulan</button></form>
                    """
            }
            if principal.role == .tenantAdmin, plan.status == .inReview, let a = m.answer, a.answer == .object, a.decision == nil {
                actions = """
                    <p><strong>Alasan keberatan:</strong> \(a.reason ?? "-")</p>
                    <form method="post" action="\(path)/keberatan/\(employee)" class="stack">
                    \(WebStep.hidden(csrf: csrf, version: a.version))
                    <fieldset><legend>Keputusan</legend>
                    <label><input type="radio" name="keputusan" value="uphold" required> Terima keberatan (pegawai tetap)</label>
                    <label><input type="radio" name="keputusan" value="reject"> Tolak keberatan (usulan tetap)</label></fieldset>
                    <label for="o-\(employee)">Catatan untuk pegawai</label>
                    <textarea id="o-\(employee)" name="catatan" required maxlength="1000"></textarea>
                    <button type="submit">Putuskan keberatan</button></form>
                    """
            }
            let dropped: HTML = m.dropped.map { v -> HTML in "<p><strong>Dihapus:</strong> \(v.reason)</p>" } ?? .empty
            return """
                <tr><th scope="row">\(m.employeeName)<br><span class="hint">\(m.nip)</span></th>
                <td>\(m.fromSlot)</td><td>\(m.toSlot)</td><td>\(kindName(m.kind))</td><td>\(answerText(m))</td>
                <td><details><summary>Penjelasan</summary>\(paragraphs)\(dropped)\(actions)</details></td></tr>
                """
        }
        let table: HTML = moves.items.isEmpty ? "<p>Tidak ada usulan yang cocok dengan saringan.</p>" : """
            <div class="scroll"><table class="moves">
            <caption>Usulan mutasi (\(IndonesianFormat.number(moves.total)))</caption>
            <thead><tr><th scope="col">Pegawai</th><th scope="col">Dari</th><th scope="col">Ke</th><th scope="col">Jenis</th>
            <th scope="col">Tanggapan</th><th scope="col">Penjelasan</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return """
            <h2>Usulan mutasi</h2>
            \(filterForm(d, path: path))
            \(table)
            \(WebStep.pager(path: path, query: d.filters.query, number: d.filters.page, total: moves.total, size: PlanPages.pageSize))
            """
    }

    static let stepNames = [
        "review_opened": "Dibuka untuk tanggapan", "submitted": "Diajukan", "approved": "Disetujui", "rejected": "Ditolak",
        "move_dropped": "Usulan dihapus", "cancelled": "Dibatalkan", "decreed": "SK diterbitkan", "executed": "Dilaksanakan",
    ]

    static func history(_ events: [PlanEvent]) -> HTML {
        guard !events.isEmpty else { return .empty }
        let items = events.map { e -> HTML in
            let note: HTML = e.note.map { v -> HTML in " — \(v)" } ?? .empty
            return "<li><strong>\(stepNames[e.step] ?? e.step)</strong> · \(WebStep.when(e.at)) · \(e.fromStatus.webLabel) → \(e.toStatus.webLabel)\(note)</li>"
        }
        return "<h2>Riwayat</h2><ol class=\"history\">\(items)</ol>"
    }
}
