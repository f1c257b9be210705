import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `/abk`: the needs analyses the caller may see, filtered by year, state and agency, 50 a page;
/// a tenant admin's list puts those awaiting verification first.
enum NeedsListPage {
    struct Filters {
        var year = "", state = "", agency = ""
    }

    static let pageSize = 50

    static func render(_ page: Page<NeedsAnalysisView>, filters: Filters, pageNumber: Int, agencies: [Agency],
                       principal: Principal, csrf: String) -> HTML {
        let rows = page.items.map { v -> HTML in
            """
            <tr><th scope="row"><a href="/abk/\(v.id.lowercased)">\(v.slot.slotName)</a> <span class="hint">(\(v.slot.slotCode))</span></th>\
            <td>\(v.slot.unitName)</td><td>\(v.slot.agencyCode)</td><td class="num">\(String(v.year))</td>\
            <td>\(NeedsWording.stateTag(v.state))\(v.state == .submitted && principal.role == .tenantAdmin ? " menunggu verifikasi" : "")</td>\
            <td class="num">\(IndonesianFormat.number(v.figures.requiredHeadcount))</td><td>\(NeedsWording.gap(v.figures.gap))</td></tr>\n
            """
        }
        let states = [("", "Semua keadaan")] + NeedsAnalysis.State.allCases.map { ($0.rawValue, NeedsWording.state($0)) }
        let stateOptions = HTML(joining: states.map { value, label -> HTML in option(value, label, selected: filters.state) })
        let agencyOptions = HTML(joining: [option("", "Semua instansi", selected: filters.agency)]
            + agencies.map { option($0.id.lowercased, $0.name, selected: filters.agency) })
        let table: HTML = page.items.isEmpty ? "<p>Tidak ada ABK yang cocok dengan saringan ini.</p>" : """
            <div class="table-wrap" role="region" aria-label="Daftar ABK" tabindex="0">
            <table class="abk-list">
            <caption>Analisis jabatan dan beban kerja (\(IndonesianFormat.number(page.total)))</caption>
            <thead><tr><th scope="col">Formasi jabatan</th><th scope="col">Unit kerja</th><th scope="col">Instansi</th><th scope="col" class="num">Tahun</th><th scope="col">Keadaan</th><th scope="col" class="num">Kebutuhan</th><th scope="col">Selisih</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </div>
            """
        let editor = principal.role == .tenantAdmin || principal.role == .agencyOperator
        let newLink: HTML = editor ? "<p><a class=\"button\" href=\"/abk/baru\">Isi ABK baru</a></p>" : .empty
        let body: HTML = """
            <h1>Analisis jabatan dan beban kerja (ABK)</h1>
            \(newLink)
            <form class="abk-filters" method="get" action="/abk">
            <div class="field"><label for="tahun">Tahun</label><input id="tahun" name="tahun" type="text" inputmode="numeric" value="\(filters.year)"></div>
            <div class="field"><label for="keadaan">Keadaan</label><select id="keadaan" name="keadaan">\(stateOptions)</select></div>
            <div class="field"><label for="instansi">Instansi</label><select id="instansi" name="instansi">\(agencyOptions)</select></div>
            <button class="button secondary" type="submit">Saring</button>
            </form>
            \(table)
            \(pager(page, filters: filters, pageNumber: pageNumber))
            """
        return Layout.page(title: "ABK", principal: principal, csrf: csrf, current: "/abk", body: body)
    }

    static func option(_ value: String, _ label: String, selected: String) -> HTML {
        "<option value=\"\(value)\"\(value == selected ? " selected" : "")>\(label)</option>"
    }

    static func pager(_ page: Page<NeedsAnalysisView>, filters: Filters, pageNumber: Int) -> HTML {
        let pages = max(1, (page.total + pageSize - 1) / pageSize)
        guard pages > 1 else { return .empty }
        func link(_ number: Int, _ label: String, rel: String) -> HTML {
            var query = [("tahun", filters.year), ("keadaan", filters.state), ("instansi", filters.agency)]
                .filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            query.append("halaman=\(number)")
            return "<a rel=\"\(rel)\" href=\"/abk?\(query.joined(separator: "&"))\">\(label)</a>"
        }
        let previous: HTML = pageNumber > 1 ? link(pageNumber - 1, "← Sebelumnya", rel: "prev") : .empty
        let next: HTML = pageNumber < pages ? link(pageNumber + 1, "Berikutnya →", rel: "next") : .empty
        return "<nav class=\"pager\" aria-label=\"Halaman\">\(previous) <span>Halaman \(String(pageNumber)) dari \(String(pages))</span> \(next)</nav>"
    }

    /// `/abk/baru` without a slot: the agencies whose slot tables offer "Isi ABK".
    static func chooseSlot(agencies: [Agency], principal: Principal, csrf: String) -> HTML {
        let items = agencies.map { a -> HTML in "<li><a href=\"/instansi/\(a.id.lowercased)#formasi\">\(a.name)</a></li>\n" }
        let body: HTML = """
            <p><a href="/abk">← Daftar ABK</a></p>
            <h1>Isi ABK baru</h1>
            <p>Pilih instansi, lalu pilih "Isi ABK" pada formasi jabatan yang akan dianalisis.</p>
            <ul class="choices">
            \(items)</ul>
            """
        return Layout.page(title: "Isi ABK baru", principal: principal, csrf: csrf, current: "/abk", body: body)
    }
}
