import Foundation
import MutasiDomain
import MutasiServices

/// `/pengaturan`: three panels (ABK, bobot bawaan rencana, SK), each a form for a tenant admin
/// and a list of values for approvers and auditors. A refused form shows what was entered and
/// the message beside it; the other panels show what is stored.
enum SettingsPage {
    static func render(needs: NeedsSettings, plan: PlanSettings, decree: DecreeSettings, principal: Principal, csrf: String,
                       flash: String?, failure: SettingsPages.Failure?) -> HTML {
        let edit = principal.role == .tenantAdmin
        func entered(_ section: SettingsPages.Section) -> WebForm? { failure?.section == section ? failure?.entered : nil }
        func notice(_ section: SettingsPages.Section) -> HTML {
            guard let failure, failure.section == section else { return .empty }
            return StepNotice.render(flash: nil, refusal: failure.refusal.message)
        }
        let readOnly: HTML = edit ? .empty : "<p class=\"hint\">Anda dapat membaca pengaturan ini; hanya admin BKD yang dapat mengubahnya.</p>"
        let body: HTML = """
            <h1>Pengaturan</h1>
            <p class="lead">Pengaturan pemerintah daerah Anda: dasar perhitungan ABK, bobot bawaan rencana mutasi, dan isi SK mutasi.</p>
            \(StepNotice.render(flash: flash, refusal: nil))\(readOnly)
            <section class="panel settings" id="abk">
            <h2>Analisis beban kerja (ABK)</h2>
            \(notice(.needs))\(NeedsSettingsForm.render(needs, edit: edit, csrf: csrf, entered: entered(.needs)))
            </section>
            <section class="panel settings" id="rencana">
            <h2>Bobot bawaan rencana mutasi</h2>
            \(notice(.plan))\(PlanSettingsForm.render(plan, edit: edit, csrf: csrf, entered: entered(.plan)))
            </section>
            <section class="panel settings" id="sk">
            <h2>Surat keputusan (SK) mutasi</h2>
            \(notice(.decree))\(DecreeSettingsForm.render(decree, edit: edit, csrf: csrf, entered: entered(.decree)))
            </section>
            """
        return Layout.page(title: "Pengaturan", principal: principal, csrf: csrf, current: "/pengaturan", body: body)
    }

    /// A labelled text field; `value` is what was entered or what is stored.
    static func field(_ name: String, _ value: String, hint: String? = nil, numeric: Bool = false, wide: Bool = false) -> HTML {
        let id = "p-" + name.replacingOccurrences(of: ".", with: "-")
        let mode: HTML = numeric ? " inputmode=\"numeric\"" : ""
        let hintHTML: HTML = hint.map { h -> HTML in "<span class=\"hint\" id=\"\(id)-hint\">\(h)</span>" } ?? .empty
        let described: HTML = hint == nil ? .empty : " aria-describedby=\"\(id)-hint\""
        let width: HTML = wide ? " class=\"wide\"" : ""
        return """
            <label for="\(id)">\(SettingsWording.label(name))</label>\(hintHTML)
            <input id="\(id)" name="\(name)" value="\(value)"\(mode)\(described)\(width)>
            """
    }

    /// A labelled choice among `options` (value, words).
    static func choice(_ name: String, _ selected: String, _ options: [(String, String)]) -> HTML {
        let id = "p-" + name.replacingOccurrences(of: ".", with: "-")
        let items = options.map { option -> HTML in
            let mark: HTML = option.0 == selected ? " selected" : ""
            return "<option value=\"\(option.0)\"\(mark)>\(option.1)</option>"
        }
        return """
            <label for="\(id)">\(SettingsWording.label(name))</label>
            <select id="\(id)" name="\(name)">\(items)</select>
            """
    }

    /// The value list of a read-only panel.
    static func facts(_ rows: [(String, String)]) -> HTML {
        let items = rows.map { row -> HTML in "<dt>\(row.0)</dt><dd>\(row.1)</dd>" }
        return "<dl class=\"facts\">\(items)</dl>"
    }

    static func version(_ version: Int) -> HTML {
        version == 0 ? "<p class=\"hint\">Nilai bawaan: belum pernah diubah.</p>" : "<p class=\"hint\">Versi \(version).</p>"
    }
}

/// The needs settings panel.
enum NeedsSettingsForm {
    static let roundings = [("up", "Ke atas (0,72 menjadi 1)"), ("nearest", "Ke terdekat (1,5 menjadi 2)"),
                            ("down", "Ke bawah (1,99 menjadi 1)")]

    static func render(_ s: NeedsSettings, edit: Bool, csrf: String, entered: WebForm?) -> HTML {
        let stored = ThresholdsForm(s.thresholds)
        let bounds = [("a", stored.a), ("b", stored.b), ("c", stored.c), ("d", stored.d)]
        func decimal(_ text: String) -> String { text.replacingOccurrences(of: ".", with: ",") }
        guard edit else {
            let rounding = roundings.first { $0.0 == s.rounding.rawValue }?.1 ?? s.rounding.rawValue
            var rows: [(String, String)] = [
                (SettingsWording.label("effectiveWorkingMinutes"), IndonesianFormat.number(s.effectiveTime.minutes)),
                (SettingsWording.label("rounding"), rounding),
            ]
            for (grade, bound) in bounds {
                let sign = (bound.inclusive ?? true) ? "≥ " : "> "
                rows.append((SettingsWording.label("efficiencyThresholds.\(grade)"), sign + decimal(bound.min.text)))
            }
            return "\(SettingsPage.version(s.version))\(SettingsPage.facts(rows))"
        }
        let minutes = entered?["effectiveWorkingMinutes"] ?? String(s.effectiveTime.minutes)
        let rows = bounds.map { grade, bound -> HTML in
            let name = "efficiencyThresholds.\(grade)"
            let inclusive = entered?["\(name).inclusive"] ?? ((bound.inclusive ?? true) ? "ya" : "tidak")
            let id = "p-" + name.replacingOccurrences(of: ".", with: "-") + "-inclusive"
            let yes: HTML = inclusive == "tidak" ? .empty : " selected"
            let no: HTML = inclusive == "tidak" ? " selected" : .empty
            return """
                <div class="bound">\(SettingsPage.field(name, entered?[name] ?? decimal(bound.min.text)))
                <label for="\(id)">Nilai batas termasuk EJ \(grade.uppercased())?</label>
                <select id="\(id)" name="\(name).inclusive">
                <option value="ya"\(yes)>Ya (≥ batas)</option>
                <option value="tidak"\(no)>Tidak (&gt; batas)</option></select></div>
                """
        }
        return """
            \(SettingsPage.version(s.version))
            <form method="post" action="/pengaturan/abk" class="stack">
            \(WebStep.hidden(csrf: csrf, version: s.version))
            \(SettingsPage.field("effectiveWorkingMinutes", minutes, hint: "Pembagi beban kerja; bawaan 75000 (1.250 jam).", numeric: true))
            \(SettingsPage.choice("rounding", entered?["rounding"] ?? s.rounding.rawValue, roundings))
            <fieldset><legend>Batas efisiensi jabatan (EJ): nilai terendah tiap kelas, mis. 1,00</legend>\(rows)</fieldset>
            <button type="submit">Simpan pengaturan ABK</button>
            </form>
            """
    }
}

/// The default plan policy panel.
enum PlanSettingsForm {
    static let scopes = [("regency", "Dalam kabupaten/kota"), ("province", "Dalam provinsi"), ("any", "Tanpa batas wilayah")]
    static let modes = [("balance", "Pemerataan (dengan mutasi wajib)"),
                        ("voluntary", "Sukarela (hanya yang ingin pindah)")]

    static func values(_ p: PlanPolicy) -> [String: Int] {
        ["horizonMonths": p.horizonMonths, "minMonthsInPosition": p.minMonthsInPosition, "minPerformance": p.minPerformance,
         "maxTrainableGap": p.maxTrainableGap, "fitWeight": p.fitWeight, "wishBonus": p.wishBonus, "wishStep": p.wishStep,
         "compulsoryCost": p.compulsoryCost, "stayCost": p.stayCost, "ignoredWishCost": p.ignoredWishCost]
    }

    static func hint(_ name: String) -> String {
        "Isi \(SettingsWording.planRanges[name] ?? "0 sampai \(IndonesianFormat.number(PlanPolicy.maxWeight))")."
    }

    static func render(_ s: PlanSettings, edit: Bool, csrf: String, entered: WebForm?) -> HTML {
        let numbers = values(s.policy)
        guard edit else {
            var rows: [(String, String)] = [
                (SettingsWording.label("scope"), scopes.first { $0.0 == s.policy.scope.rawValue }?.1 ?? ""),
                (SettingsWording.label("mode"), modes.first { $0.0 == s.policy.mode.rawValue }?.1 ?? ""),
            ]
            for name in SettingsInput.planNumbers {
                rows.append((SettingsWording.label(name), IndonesianFormat.number(numbers[name] ?? 0)))
            }
            return "\(SettingsPage.version(s.version))\(SettingsPage.facts(rows))"
        }
        let fields = SettingsInput.planNumbers.map { name -> HTML in
            SettingsPage.field(name, entered?[name] ?? String(numbers[name] ?? 0), hint: hint(name), numeric: true)
        }
        return """
            \(SettingsPage.version(s.version))
            <p class="hint">Setiap rencana baru memakai nilai ini untuk isian yang tidak ditentukannya sendiri.</p>
            <form method="post" action="/pengaturan/rencana" class="stack">
            \(WebStep.hidden(csrf: csrf, version: s.version))
            \(SettingsPage.choice("scope", entered?["scope"] ?? s.policy.scope.rawValue, scopes))
            \(SettingsPage.choice("mode", entered?["mode"] ?? s.policy.mode.rawValue, modes))
            \(fields)
            <button type="submit">Simpan bobot bawaan</button>
            </form>
            """
    }
}

/// The decree settings panel.
enum DecreeSettingsForm {
    static let perAgency = [("rencana", "Seluruh rencana (satu SK kolektif)"), ("instansi", "Setiap instansi")]

    static func render(_ s: DecreeSettings, edit: Bool, csrf: String, entered: WebForm?) -> HTML {
        let per = s.perAgency ? "instansi" : "rencana"
        guard edit else {
            func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: " · ") }
            let rows: [(String, String)] = [
                    (SettingsWording.label("numberPattern"), s.numberPattern),
                    (SettingsWording.label("perAgency"), perAgency.first { $0.0 == per }?.1 ?? per),
                    (SettingsWording.label("regionHead"), s.regionHead), (SettingsWording.label("placeOfSigning"), s.placeOfSigning),
                    (SettingsWording.label("considerations"), list(s.considerations)),
                    (SettingsWording.label("legalBases"), list(s.legalBases)),
                    (SettingsWording.label("signatoryName"), s.signatoryName.isEmpty ? "-" : s.signatoryName),
                    (SettingsWording.label("signatoryTitle"), s.signatoryTitle),
                    (SettingsWording.label("signatoryNIP"), s.signatoryNIP.isEmpty ? "-" : s.signatoryNIP),
                    (SettingsWording.label("copies"), list(s.copies)),
                ]
            return "\(SettingsPage.version(s.version))\(SettingsPage.facts(rows))"
        }
        func area(_ name: String, _ items: [String], hint: String) -> HTML {
            let id = "p-\(name)"
            return """
                <label for="\(id)">\(SettingsWording.label(name))</label><span class="hint" id="\(id)-hint">\(hint)</span>
                <textarea id="\(id)" name="\(name)" rows="5" aria-describedby="\(id)-hint">\(entered?[name] ?? items.joined(separator: "\n"))</textarea>
                """
        }
        return """
            \(SettingsPage.version(s.version))
            <form method="post" action="/pengaturan/sk" class="stack">
            \(WebStep.hidden(csrf: csrf, version: s.version))
            \(SettingsPage.field("numberPattern", entered?["numberPattern"] ?? s.numberPattern,
                                 hint: "Penanda: {seq} nomor urut SK dalam tahun (wajib), {year} tahun empat angka, {month} bulan terbit dalam angka Romawi, {agency} kode instansi (hanya bila satu SK per instansi). Contoh: 800.1.3.3/{seq}/BKPSDM/{year}.",
                                 wide: true))
            \(SettingsPage.choice("perAgency", entered?["perAgency"] ?? per, perAgency))
            \(SettingsPage.field("regionHead", entered?["regionHead"] ?? s.regionHead, hint: "Mis. GUBERNUR KALIMANTAN TENGAH.", wide: true))
            \(SettingsPage.field("placeOfSigning", entered?["placeOfSigning"] ?? s.placeOfSigning))
            \(area("considerations", s.considerations, hint: "Satu butir per baris, 1 sampai 20 butir, diawali \"bahwa\"."))
            \(area("legalBases", s.legalBases, hint: "Satu dasar hukum per baris, 1 sampai 20 butir."))
            \(SettingsPage.field("signatoryName", entered?["signatoryName"] ?? s.signatoryName, hint: "Boleh kosong.", wide: true))
            \(SettingsPage.field("signatoryTitle", entered?["signatoryTitle"] ?? s.signatoryTitle, wide: true))
            \(SettingsPage.field("signatoryNIP", entered?["signatoryNIP"] ?? s.signatoryNIP,
                                 hint: "18 angka; kosongkan bila penanda tangan pejabat yang dipilih (tanpa NIP).", numeric: true))
            \(area("copies", s.copies, hint: "Satu penerima per baris; boleh kosong."))
            <button type="submit">Simpan pengaturan SK</button>
            </form>
            """
    }
}
