import Foundation
import MutasiDomain
import MutasiRepositories

/// `/kampanye/{id}/formulir`: a campaign's preference forms, 50 a page, with filters by wish and
/// agency, each with its ranked units and reason categories.
enum CampaignFormsPage {
    struct State {
        var campaign: Campaign
        var forms: Page<PreferenceForm>
        var pageNumber: Int
        var filter: FormFilter
        var agencies: [Agency]
        var units: [UUID: WorkUnit]
    }

    static func categoryName(_ category: PreferenceForm.ReasonCategory) -> String {
        PreferencePage.categories.first { $0.0 == category }?.1 ?? category.rawValue
    }

    static func query(_ filter: FormFilter, page: Int) -> String {
        var parts: [String] = []
        if let wish = filter.wish { parts.append("keinginan=\(wish.rawValue)") }
        if let agency = filter.agencyID { parts.append("instansi=\(agency.uuidString.lowercased())") }
        if page > 1 { parts.append("halaman=\(page)") }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    static func render(_ s: State, principal: Principal, csrf: String) -> HTML {
        let id = s.campaign.id.uuidString.lowercased()
        let base = "/kampanye/\(id)/formulir"
        let agencyNames = Dictionary(s.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let allWishes: HTML = "<option value=\"\">Semua</option>", allAgencies: HTML = "<option value=\"\">Semua instansi</option>"
        let wishOptions = [allWishes] + PreferencePage.wishes.map { (wish, _) -> HTML in
            let selected: HTML = s.filter.wish == wish ? " selected" : ""
            return "<option value=\"\(wish.rawValue)\"\(selected)>\(PreferencePage.wishName(wish))</option>"
        }
        let agencyOptions = [allAgencies] + s.agencies.map { agency -> HTML in
            let selected: HTML = s.filter.agencyID == agency.id ? " selected" : ""
            return "<option value=\"\(agency.id.uuidString.lowercased())\"\(selected)>\(agency.name)</option>"
        }
        let rows = s.forms.items.map { form -> HTML in
            let choices = form.preferences.map { unit -> HTML in "<li>\(PreferencePage.unitLabel(unit, s.units))</li>" }
            let choiceList: HTML = choices.isEmpty ? "-" : "<ol class=\"compact\">\(choices)</ol>"
            let reasons = form.reasons.map { categoryName($0.category) }.joined(separator: ", ")
            return """
                <tr><td>\(form.nip)</td><th scope="row">\(form.employeeName)</th>\
                <td>\(form.agencyID.flatMap { agencyNames[$0] } ?? "-")</td><td>\(PreferencePage.wishName(form.wish))</td>\
                <td>\(choiceList)</td><td>\(reasons.isEmpty ? "-" : reasons)</td>\
                <td>\(EmployeePageFormat.day(form.updatedAt))</td><td class="num">\(form.version)</td></tr>
                """
        }
        let pages = max(1, (s.forms.total + CampaignFormPages.pageSize - 1) / CampaignFormPages.pageSize)
        var nav: [HTML] = []
        if s.pageNumber > 1 { nav.append("<a href=\"\(base + query(s.filter, page: s.pageNumber - 1))\" rel=\"prev\">← Sebelumnya</a>") }
        nav.append("<span>Halaman \(IndonesianFormat.number(s.pageNumber)) dari \(IndonesianFormat.number(pages))</span>")
        if s.pageNumber < pages { nav.append("<a href=\"\(base + query(s.filter, page: s.pageNumber + 1))\" rel=\"next\">Berikutnya →</a>") }
        let table: HTML = rows.isEmpty ? "<p>Tidak ada formulir yang sesuai dengan saringan.</p>" : """
            <div class="table-wrap"><table class="forms">
            <caption>Formulir preferensi \(s.campaign.name)</caption>
            <thead><tr><th scope="col">NIP</th><th scope="col">Nama</th><th scope="col">Instansi</th><th scope="col">Keinginan</th>\
            <th scope="col">Unit pilihan</th><th scope="col">Alasan</th><th scope="col">Diubah</th><th scope="col">Versi</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            <nav class="pager" aria-label="Halaman daftar">\(nav)</nav>
            """
        let body: HTML = """
            <p><a href="/kampanye/\(id)">← Kembali ke kampanye</a></p>
            <h1>Formulir preferensi</h1>
            <p class="lead">\(s.campaign.name) · \(IndonesianFormat.number(s.forms.total)) formulir</p>
            <form method="get" action="\(base)" class="form-filters">
            <label for="keinginan">Keinginan</label>
            <select id="keinginan" name="keinginan">\(wishOptions)</select>
            <label for="instansi">Instansi</label>
            <select id="instansi" name="instansi">\(agencyOptions)</select>
            <button type="submit">Saring</button>
            </form>
            \(table)
            """
        return Layout.page(title: "Formulir preferensi", principal: principal, csrf: csrf, body: body)
    }
}
