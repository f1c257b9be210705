import Foundation
import MutasiDomain
import MutasiServices

/// `/saya/preferensi`: the employee's preference form in the open campaign. The ranked units
/// being put together travel in the address (`?pilihan=id,id`), so searching (`?cari=`),
/// adding, moving and removing them are plain GET forms that change nothing on the server;
/// only "Simpan" posts the whole form, with the version it was read at.
enum PreferencePage {
    struct State {
        var campaign: Campaign
        var form: PreferenceForm?
        /// The ranked units as the page has them now (the stored ones until changed).
        var choices: [UUID]
        var units: [UUID: WorkUnit] = [:]
        var search = ""
        var results: [WorkUnit] = []
        var versions: [PreferenceFormVersion] = []
        /// What a refused form held, shown again.
        var entered: Entered?
        var message: FormMessage?
        var flash: String?

        init(campaign: Campaign, form: PreferenceForm?) {
            self.campaign = campaign; self.form = form; choices = form?.preferences ?? []
        }
    }

    /// The fields of a posted form.
    struct Entered {
        var wish: String
        var choices: [UUID]
        var reasons: [(category: String, text: String)]
        var spouse: String

        init(_ fields: WebForm) throws {
            wish = fields["keinginan"] ?? ""
            choices = try PreferencePage.choices(fields["pilihan"] ?? "")
            reasons = (0..<PreferenceForm.maxReasons).compactMap { i -> (category: String, text: String)? in
                let category = fields["alasan\(i)"] ?? "", text = fields["teks\(i)"] ?? ""
                return category.isEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : (category, text)
            }
            spouse = fields["pasangan"] ?? ""
        }

        init(_ form: PreferenceForm) {
            wish = form.wish.rawValue
            choices = form.preferences
            reasons = form.reasons.map { (category: $0.category.rawValue, text: $0.text) }
            spouse = form.spouseWorkplace ?? ""
        }

        var input: PreferenceFormService.Input {
            PreferenceFormService.Input(
                wish: wish, preferences: choices,
                reasons: reasons.map { PreferenceFormService.ReasonInput(category: $0.category, text: $0.text) },
                spouseWorkplace: spouse)
        }
    }

    /// `id,id,...` as unit ids; more than a form can hold, or anything but ids, is a broken address.
    static func choices(_ raw: String) throws -> [UUID] {
        let parts = raw.split(separator: ",", omittingEmptySubsequences: true)
        guard parts.count <= PreferenceForm.maxPreferences * 2 else { throw EmployeePages.badForm }
        return try parts.map { part in
            guard let id = UUID(uuidString: String(part)) else { throw EmployeePages.badForm }
            return id
        }
    }

    static let wishes: [(PreferenceForm.Wish, String)] = [
        (.move, "Ingin pindah (mengajukan permohonan mutasi)"),
        (.stay, "Ingin tetap di unit kerja sekarang"),
        (.none, "Tidak menyatakan keinginan"),
    ]

    static let categories: [(PreferenceForm.ReasonCategory, String)] = [
        (.familyReunion, "Berkumpul dengan pasangan/keluarga"), (.health, "Kesehatan"), (.career, "Pengembangan karier"),
        (.childrenSchool, "Sekolah anak"), (.other, "Lainnya"),
    ]

    static func wishName(_ wish: PreferenceForm.Wish) -> String {
        switch wish {
        case .move: "Ingin pindah"
        case .stay: "Ingin tetap"
        case .none: "Tidak menyatakan"
        }
    }

    static func noCampaign(principal: Principal, csrf: String, message: FormMessage? = nil) -> HTML {
        Layout.page(title: "Formulir preferensi", principal: principal, csrf: csrf, current: "/saya/preferensi", body: """
            <h1>Formulir preferensi</h1>
            \(message?.html ?? .empty)
            <p>Saat ini tidak ada kampanye preferensi yang dibuka untuk instansi Anda. Formulir dapat diisi
            ketika BKD membuka kampanye.</p>
            <p><a href="/saya">← Kembali ke data saya</a></p>
            """)
    }

    /// A GET form of one button that shows the page with `choices`.
    private static func choiceButton(_ choices: [UUID], search: String, label: String, accessible: String) -> HTML {
        let searchField: HTML = search.isEmpty ? .empty : "<input type=\"hidden\" name=\"cari\" value=\"\(search)\">"
        return """
            <form method="get" action="/saya/preferensi" class="inline">\
            <input type="hidden" name="pilihan" value="\(choices.map { $0.uuidString.lowercased() }.joined(separator: ","))">\
            \(searchField)<button type="submit" aria-label="\(accessible)">\(label)</button></form>
            """
    }

    static func unitLabel(_ id: UUID, _ units: [UUID: WorkUnit]) -> HTML {
        guard let unit = units[id] else { return "<span class=\"hint\">Unit tidak dikenal</span>" }
        return "\(unit.name) <span class=\"hint\">(\(unit.code))</span>"
    }

    static func render(_ s: State, principal: Principal, csrf: String) -> HTML {
        let max = PreferenceForm.maxPreferences
        let ranked = s.choices.enumerated().map { (i, id) -> HTML in
            var buttons: [HTML] = []
            let name = s.units[id]?.name ?? "unit"
            if i > 0 {
                var up = s.choices; up.swapAt(i, i - 1)
                buttons.append(choiceButton(up, search: s.search, label: "▲ Naik", accessible: "Naikkan \(name)"))
            }
            if i < s.choices.count - 1 {
                var down = s.choices; down.swapAt(i, i + 1)
                buttons.append(choiceButton(down, search: s.search, label: "▼ Turun", accessible: "Turunkan \(name)"))
            }
            var removed = s.choices; removed.remove(at: i)
            buttons.append(choiceButton(removed, search: s.search, label: "Hapus", accessible: "Hapus \(name)"))
            return "<li><span class=\"choice\">\(unitLabel(id, s.units))</span> <span class=\"actions\">\(buttons)</span></li>"
        }
        let rankedList: HTML = ranked.isEmpty
            ? "<p>Belum ada unit yang dipilih. Cari unit kerja di bawah, lalu tekan Tambah.</p>"
            : "<ol class=\"ranked\">\(ranked)</ol>"

        let results: HTML
        if s.search.isEmpty {
            results = .empty
        } else if s.results.isEmpty {
            results = "<p>Tidak ada unit kerja yang cocok dengan “\(s.search)”.</p>"
        } else {
            let items = s.results.map { unit -> HTML in
                let action: HTML
                if s.choices.contains(unit.id) {
                    action = "<span class=\"hint\">sudah dipilih</span>"
                } else if s.choices.count >= max {
                    action = "<span class=\"hint\">daftar penuh</span>"
                } else {
                    action = choiceButton(s.choices + [unit.id], search: s.search, label: "Tambah", accessible: "Tambah \(unit.name)")
                }
                return "<li><span class=\"choice\">\(unit.name) <span class=\"hint\">(\(unit.code))</span></span> \(action)</li>"
            }
            results = "<ul class=\"results\" aria-label=\"Hasil pencarian unit\">\(items)</ul>"
        }

        let entered = s.entered ?? s.form.map(Entered.init)
        let wish = entered?.wish ?? ""
        let wishRadios = wishes.map { (value, label) -> HTML in
            let checked: HTML = wish == value.rawValue ? " checked" : ""
            return """
                <label class="option"><input type="radio" name="keinginan" value="\(value.rawValue)"\(checked)> \(label)</label>
                """
        }
        var reasons = entered?.reasons ?? []
        if reasons.count < PreferenceForm.maxReasons { reasons.append((category: "", text: "")) }
        let reasonRows = reasons.enumerated().map { (i, reason) -> HTML in
            let none: HTML = "<option value=\"\">— pilih jenis alasan —</option>"
            let options = [none] + categories.map { (value, label) -> HTML in
                let selected: HTML = reason.category == value.rawValue ? " selected" : ""
                return "<option value=\"\(value.rawValue)\"\(selected)>\(label)</option>"
            }
            return """
                <div class="reason">
                <label for="alasan\(i)">Jenis alasan ke-\(i + 1)</label>
                <select id="alasan\(i)" name="alasan\(i)">\(options)</select>
                <label for="teks\(i)">Keterangan alasan ke-\(i + 1)</label>
                <textarea id="teks\(i)" name="teks\(i)" rows="3" maxlength="1000">\(reason.text)</textarea>
                </div>
                """
        }
        let status: HTML = s.form.map { form -> HTML in
            "<p class=\"lead\">Tersimpan versi \(form.version), terakhir diubah \(EmployeePageFormat.day(form.updatedAt)).\(requestStatus(form))</p>"
        } ?? "<p class=\"lead\">Anda belum mengisi formulir pada kampanye ini.</p>"

        let history: HTML
        if s.versions.isEmpty {
            history = .empty
        } else {
            let rows = s.versions.map { v -> HTML in
                """
                <tr><th scope="row">\(v.version)</th><td>\(EmployeePageFormat.day(v.filedAt))</td>\
                <td>\(wishName(v.wish))</td><td class="num">\(v.preferences.count)</td></tr>
                """
            }
            history = """
                <h2>Riwayat versi</h2>
                <div class="table-wrap"><table>
                <caption>Setiap versi formulir yang pernah disimpan, terbaru di atas</caption>
                <thead><tr><th scope="col">Versi</th><th scope="col">Tanggal</th><th scope="col">Keinginan</th><th scope="col">Unit dipilih</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table></div>
                """
        }

        let body: HTML = """
            <p><a href="/saya">← Kembali ke data saya</a></p>
            <h1>Formulir preferensi</h1>
            <p>\(s.campaign.name) · dibuka sampai \(EmployeePageFormat.moment(s.campaign.closesAt))</p>
            \(status)
            \(FlashMessage.html(s.flash))
            \(s.message?.html ?? .empty)
            <section class="card" aria-labelledby="pilihan-judul">
            <h2 id="pilihan-judul">Unit kerja pilihan (paling banyak \(max), urut dari yang paling diinginkan)</h2>
            \(rankedList)
            <form method="get" action="/saya/preferensi" class="search" role="search">
            <input type="hidden" name="pilihan" value="\(s.choices.map { $0.uuidString.lowercased() }.joined(separator: ","))">
            <label for="cari">Cari unit kerja menurut nama atau kode</label>
            <input id="cari" name="cari" type="search" value="\(s.search)" maxlength="100">
            <button type="submit">Cari</button>
            </form>
            \(results)
            </section>
            <form method="post" action="/saya/preferensi" class="card stacked">
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            <input type="hidden" name="kampanye" value="\(s.campaign.id.uuidString.lowercased())">
            <input type="hidden" name="versi" value="\(s.form.map { String($0.version) } ?? "")">
            <input type="hidden" name="pilihan" value="\(s.choices.map { $0.uuidString.lowercased() }.joined(separator: ","))">
            <fieldset><legend>Keinginan</legend>\(wishRadios)</fieldset>
            <fieldset><legend>Alasan</legend>\(reasonRows)</fieldset>
            <label for="pasangan">Tempat kerja pasangan (kode wilayah, mis. 53.71; wajib untuk alasan berkumpul dengan keluarga)</label>
            <input id="pasangan" name="pasangan" value="\(entered?.spouse ?? "")" maxlength="64">
            <p class="hint">Urutan unit pilihan di atas ikut tersimpan.</p>
            <button type="submit" class="primary">Simpan formulir</button>
            </form>
            \(history)
            """
        return Layout.page(title: "Formulir preferensi", principal: principal, csrf: csrf, current: "/saya/preferensi", body: body)
    }

    static func requestStatus(_ form: PreferenceForm) -> String {
        switch form.requestStatus {
        case nil: ""
        case .filed: " Permohonan mutasi tercatat."
        case .inPlan: " Permohonan Anda masuk dalam rencana mutasi yang sedang ditinjau."
        case .answered: " Anda sudah menanggapi usulan mutasi."
        case .decided: " " + (form.decisionReason ?? "Permohonan sudah diputuskan.")
        }
    }
}
