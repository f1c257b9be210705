import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `/abk/baru?formasi=…` and `/abk/{id}/ubah`: the task table (or the ratio) of an analysis,
/// with its figures. The tenant's settings and the slot's staff ride along as data attributes so
/// that `abk.js` computes the figures as people type; without the script the page still works and
/// saving shows the server's figures.
enum NeedsFormPage {
    struct Model {
        var slot: NeedsSlotContext
        var settings: NeedsSettings
        var input: NeedsFormInput
        /// nil for a new analysis.
        var analysis: NeedsAnalysisView?
        var figures: NeedsFigures?
        var error: DomainError?
        /// Open analyses of the slot, offered on a new form instead of a second one.
        var existing: [NeedsAnalysisView] = []
    }

    static func render(_ m: Model, principal: Principal, csrf: String) -> HTML {
        let action = m.analysis.map { "/abk/\($0.id.lowercased)/ubah" } ?? "/abk/baru?formasi=\(m.slot.slotID.lowercased)"
        let title = m.analysis == nil ? "ABK baru" : "Ubah ABK"
        let alert: HTML = m.error.map { "<div class=\"alert\" role=\"alert\" id=\"galat\">\(NeedsWording.message($0))</div>" } ?? .empty
        let returned: HTML = m.analysis.flatMap { view -> HTML? in
            guard view.state == .returned, let notes = view.notes else { return nil }
            return "<div class=\"note\" role=\"note\"><strong>Catatan pengembalian:</strong> \(notes)</div>"
        } ?? .empty
        let existing: HTML = m.existing.isEmpty ? .empty : """
            <div class="note" role="note">Formasi ini sudah memiliki ABK yang belum disetujui: \
            \(HTML(joining: m.existing.map { v -> HTML in "<a href=\"/abk/\(v.id.lowercased)\">tahun \(String(v.year)) (\(NeedsWording.state(v.state)))</a> " }))</div>
            """
        let yearField: HTML = m.analysis.map { view -> HTML in
            "<p><strong>Tahun:</strong> \(String(view.year))</p>"
        } ?? """
            <div class="field">
            <label for="tahun">Tahun analisis</label>
            <input id="tahun" name="tahun" type="text" inputmode="numeric" value="\(m.input.year)" required>
            </div>
            """
        let version: HTML = m.analysis.map { "<input type=\"hidden\" name=\"versi\" value=\"\(String($0.version))\">" } ?? .empty
        let t = m.settings.thresholds
        let bounds = [("A", t.a), ("B", t.b), ("C", t.c), ("D", t.d)].map { grade, bound -> HTML in
            " data-ambang-\(grade.lowercased())=\"\(bound.value.exactDecimal())\" data-ambang-\(grade.lowercased())-inklusif=\"\(bound.inclusive ? "ya" : "tidak")\""
        }
        let described: HTML = m.error == nil ? .empty : " aria-describedby=\"galat\""
        let rows = m.input.rows + Array(repeating: NeedsFormInput.Row(), count: m.input.rows.isEmpty ? 3 : 2)
        let body: HTML = """
            <p><a href="/abk">← Daftar ABK</a></p>
            <h1>\(title): \(m.slot.slotName)</h1>
            <p class="lead">\(m.slot.unitName) · \(m.slot.agencyCode) · formasi \(m.slot.slotCode) · kebutuhan tercatat \(IndonesianFormat.number(m.slot.need))</p>
            \(alert)\(returned)\(existing)
            <form class="abk-form" method="post" action="\(action)" data-menit-efektif="\(String(m.settings.effectiveTime.minutes))" \
            data-pembulatan="\(m.settings.rounding.rawValue)" data-pegawai="\(String(m.slot.currentStaff))"\(HTML(joining: bounds)) \
            data-baris-berikut="\(String(rows.count))"\(described)>
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            \(version)
            \(yearField)
            <fieldset class="abk-method">
            <legend>Metode</legend>
            <label><input type="radio" name="metode" value="tugas"\(m.input.ratio ? "" : " checked")> Uraian tugas (beban kerja)</label>
            <label><input type="radio" name="metode" value="rasio"\(m.input.ratio ? " checked" : "")> Rasio (misalnya murid per guru)</label>
            </fieldset>
            <fieldset data-metode="tugas">
            <legend>Uraian tugas</legend>
            <p class="hint">Volume: berapa kali setahun. Norma waktu: menit untuk sekali mengerjakan. Pakai koma untuk desimal (2,5), tanpa pemisah ribuan. Kosongkan atau centang "Hapus" untuk membuang baris.</p>
            <div class="table-wrap" role="region" aria-label="Tabel uraian tugas" tabindex="0">
            <table class="abk-tasks">
            <caption>Uraian tugas, volume dan norma waktu</caption>
            <thead><tr><th scope="col">Uraian tugas</th><th scope="col">Volume per tahun</th><th scope="col">Norma waktu (menit)</th><th scope="col" class="num">Beban kerja (menit)</th><th scope="col">Hapus</th></tr></thead>
            <tbody class="abk-rows">
            \(rows.enumerated().map { row($0.offset, $0.element) })</tbody>
            </table>
            </div>
            <template class="abk-row">\(row(nil, .init()))</template>
            </fieldset>
            <fieldset data-metode="rasio">
            <legend>Rasio</legend>
            <div class="field"><label for="rasio_penggerak">Penggerak (apa yang dihitung)</label>
            <input id="rasio_penggerak" name="rasio_penggerak" type="text" value="\(m.input.driver)" placeholder="murid per guru"></div>
            <div class="field"><label for="rasio_populasi">Jumlah yang dilayani</label>
            <input id="rasio_populasi" name="rasio_populasi" type="text" inputmode="numeric" value="\(m.input.population)"></div>
            <div class="field"><label for="rasio_per_orang">Dilayani satu orang (rasio per orang)</label>
            <input id="rasio_per_orang" name="rasio_per_orang" type="text" inputmode="decimal" value="\(m.input.perPerson)"></div>
            </fieldset>
            \(NeedsFiguresBlock.render(m.figures, currentStaff: m.slot.currentStaff, rounding: m.settings.rounding, live: true))
            <p class="hint">Waktu kerja efektif \(IndonesianFormat.number(m.settings.effectiveTime.minutes)) menit per orang per tahun; EJ = kebutuhan pasti ÷ pegawai saat ini.</p>
            <div class="actions">
            <button class="button" type="submit" name="aksi" value="simpan">Simpan draf</button>
            <button class="button secondary" type="submit" name="aksi" value="tambah">Tambah baris</button>
            </div>
            </form>
            \(NeedsScript.tag)
            """
        return Layout.page(title: title, principal: principal, csrf: csrf, current: "/abk", body: body)
    }

    /// One task row; `index` nil gives the template the script copies (`_N` replaced).
    static func row(_ index: Int?, _ row: NeedsFormInput.Row) -> HTML {
        let i = index.map(String.init) ?? "N"
        let n = index.map { String($0 + 1) } ?? "baru"
        return """
            <tr>
            <td><label class="cell-label" for="uraian_\(i)">Uraian tugas baris \(n)</label><input id="uraian_\(i)" name="uraian_\(i)" data-kolom="uraian" type="text" value="\(row.name)"></td>
            <td><label class="cell-label" for="volume_\(i)">Volume per tahun baris \(n)</label><input id="volume_\(i)" name="volume_\(i)" data-kolom="volume" type="text" inputmode="decimal" value="\(row.volume)"></td>
            <td><label class="cell-label" for="norma_\(i)">Norma waktu baris \(n)</label><input id="norma_\(i)" name="norma_\(i)" data-kolom="norma" type="text" inputmode="decimal" value="\(row.minutes)"></td>
            <td class="num"><output class="beban-baris"></output></td>
            <td><label><input type="checkbox" name="hapus_\(i)" value="ya"> <span class="sr">Hapus baris \(n)</span></label></td>
            </tr>\n
            """
    }
}
