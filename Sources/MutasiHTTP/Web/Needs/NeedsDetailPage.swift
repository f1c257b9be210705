import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `/abk/{id}`: an analysis with its figures and history; the steps the caller's role may take
/// on it in its state (edit and submit; approve or return with notes). The service decides.
enum NeedsDetailPage {
    struct Model {
        var view: NeedsAnalysisView
        var history: [NeedsAnalysisEvent]
        var rounding: HeadcountRounding
        var flash: String?
        var error: DomainError?
        /// What was typed into the return form, shown again when it is refused.
        var notes = ""
    }

    static let flashes: [String: String] = [
        "dibuat": "ABK disimpan sebagai draf.", "disimpan": "Perubahan disimpan.",
        "diajukan": "ABK diajukan untuk verifikasi.", "disetujui": "ABK disetujui; kebutuhan formasi diperbarui.",
        "dikembalikan": "ABK dikembalikan ke instansi dengan catatan.",
    ]

    static func render(_ m: Model, principal: Principal, csrf: String) -> HTML {
        let v = m.view
        let flash: HTML = m.flash.map { "<div class=\"flash\" role=\"status\">\($0)</div>" } ?? .empty
        let alert: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">\(NeedsWording.message($0))</div>" } ?? .empty
        let notes: HTML = v.notes.map { text -> HTML in
            let label = v.state == .returned ? "Catatan pengembalian" : "Catatan verifikasi"
            return "<div class=\"note\" role=\"note\"><strong>\(label):</strong> \(text)</div>"
        } ?? .empty
        let content: HTML
        if let ratio = v.ratio {
            content = """
                <h2>Rasio</h2>
                <dl class="record">
                <dt>Penggerak</dt><dd>\(ratio.driver)</dd>
                <dt>Jumlah yang dilayani</dt><dd>\(IndonesianFormat.number(ratio.population))</dd>
                <dt>Dilayani satu orang</dt><dd>\(NeedsWording.decimal(ratio.perPerson))</dd>
                </dl>
                """
        } else {
            let rows = (v.tasks ?? []).map { t -> HTML in
                "<tr><th scope=\"row\">\(t.name)</th><td class=\"num\">\(NeedsWording.decimal(t.volume))</td><td class=\"num\">\(NeedsWording.decimal(t.standardMinutes))</td><td class=\"num\">\(NeedsWording.decimal(t.workloadMinutes))</td></tr>\n"
            }
            content = """
                <div class="table-wrap" role="region" aria-label="Uraian tugas" tabindex="0">
                <table>
                <caption>Uraian tugas</caption>
                <thead><tr><th scope="col">Uraian tugas</th><th scope="col" class="num">Volume per tahun</th><th scope="col" class="num">Norma waktu (menit)</th><th scope="col" class="num">Beban kerja (menit)</th></tr></thead>
                <tbody>
                \(rows)</tbody>
                </table>
                </div>
                """
        }
        let body: HTML = """
            <p><a href="/abk">← Daftar ABK</a></p>
            <h1>ABK \(v.slot.slotName) tahun \(String(v.year))</h1>
            <p class="lead">\(v.slot.unitName) · \(v.slot.agencyCode) · formasi \(v.slot.slotCode) · \(NeedsWording.stateTag(v.state))</p>
            \(flash)\(alert)\(notes)
            \(NeedsFiguresBlock.render(v.figures, currentStaff: v.figures.currentStaff, rounding: m.rounding, live: false))
            \(content)
            \(actions(m, principal: principal, csrf: csrf))
            <h2>Riwayat</h2>
            \(history(m.history))
            """
        return Layout.page(title: "ABK \(v.slot.slotName)", principal: principal, csrf: csrf, current: "/abk", body: body)
    }

    /// The forms of the steps open to the caller's role in the analysis's state.
    static func actions(_ m: Model, principal: Principal, csrf: String) -> HTML {
        let v = m.view, id = v.id.lowercased
        // Each form its own key: one sent twice does its step once.
        var hidden: HTML { """
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            <input type="hidden" name="versi" value="\(String(v.version))">
            <input type="hidden" name="kunci" value="\(WebSession.randomValue())">
            """ }
        let editor = principal.role == .tenantAdmin || principal.role == .agencyOperator
        if v.state.isEditable && editor {
            return """
                <h2>Langkah berikutnya</h2>
                <div class="actions">
                <a class="button secondary" href="/abk/\(id)/ubah">Ubah uraian tugas</a>
                <form method="post" action="/abk/\(id)/ajukan">\(hidden)<button class="button" type="submit">Ajukan untuk verifikasi</button></form>
                </div>
                """
        }
        if v.state == .submitted && principal.role == .tenantAdmin {
            return """
                <h2>Verifikasi</h2>
                <div class="verify">
                <form method="post" action="/abk/\(id)/setujui" class="card">\(hidden)
                <div class="field"><label for="catatan-setuju">Catatan (boleh kosong)</label>
                <textarea id="catatan-setuju" name="catatan" rows="2"></textarea></div>
                <button class="button" type="submit">Setujui</button>
                </form>
                <form method="post" action="/abk/\(id)/kembalikan" class="card">\(hidden)
                <div class="field"><label for="catatan-kembali">Catatan pengembalian (wajib)</label>
                <span class="hint" id="catatan-kembali-hint">Tulis apa yang perlu diperbaiki instansi.</span>
                <textarea id="catatan-kembali" name="catatan" rows="3" aria-describedby="catatan-kembali-hint">\(m.notes)</textarea></div>
                <button class="button secondary" type="submit">Kembalikan</button>
                </form>
                </div>
                """
        }
        return .empty
    }

    static func history(_ events: [NeedsAnalysisEvent]) -> HTML {
        let rows = events.map { e -> HTML in
            let need: HTML = e.need.map { "kebutuhan \(IndonesianFormat.number($0))" } ?? .empty
            return """
                <tr><td>\(moment(e.occurredAt))</td><td>\(e.actorName)</td><td>\(NeedsWording.action(e.action))</td>\
                <td>\(NeedsWording.state(e.toState))</td><td>\(e.notes ?? "")\(e.notes != nil && e.need != nil ? " · " : "")\(need)</td></tr>\n
                """
        }
        return """
            <div class="table-wrap" role="region" aria-label="Riwayat" tabindex="0">
            <table class="abk-history">
            <caption>Riwayat langkah</caption>
            <thead><tr><th scope="col">Waktu (UTC)</th><th scope="col">Oleh</th><th scope="col">Langkah</th><th scope="col">Keadaan</th><th scope="col">Catatan</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </div>
            """
    }

    /// `29 November 2026 14.05`, in UTC.
    static func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let month = IndonesianFormat.months[(c.month ?? 1) - 1]
        return "\(c.day ?? 1) \(month) \(c.year ?? 0) \(String(format: "%02d.%02d", c.hour ?? 0, c.minute ?? 0))"
    }
}
