import Foundation
import MutasiDomain
import MutasiServices

/// The edit form of a draft campaign on `/kampanye/{id}` (tenant admin): name, period, answer
/// deadline, the agencies covered (none ticked: the whole tenant) and the priority point rules,
/// sent with the campaign's version. Once opened, the campaign page lists the rules read-only.
enum CampaignEditForm {
    /// Each rule's field (named as the API names it), its value in `rules`, and its largest value.
    static func rules(_ rules: PointRules) -> [(String, Int, Int)] {
        [("pointRules.perYearInPost", rules.perYearInPost, PointRules.maxPerYear),
         ("pointRules.yearsInPostCap", rules.yearsInPostCap, PointRules.maxYears),
         ("pointRules.familyReunion", rules.familyReunion, PointRules.maxReasonPoints),
         ("pointRules.health", rules.health, PointRules.maxReasonPoints),
         ("pointRules.remoteService", rules.remoteService, PointRules.maxReasonPoints)]
    }

    static func agencyField(_ id: UUID) -> String { "instansi-\(id.lowercased)" }

    /// The changes a submitted form asks for; agencies only from `agencies` (the tenant's).
    static func changes(_ form: WebForm, agencies: [Agency]) throws -> CampaignService.Changes {
        var values: [String: Int] = [:]
        for (name, _, _) in rules(PointRules()) { values[name] = try SettingsWording.integer(form, name) }
        let deadline = WebStep.text(form, "batas").isEmpty ? nil : try WebStep.moment(form, "batas")
        return CampaignService.Changes(
            name: WebStep.text(form, "nama"), opensAt: try WebStep.moment(form, "dibuka"),
            closesAt: try WebStep.moment(form, "ditutup"), answerDeadline: deadline,
            agencyIDs: agencies.filter { form[agencyField($0.id)] == "ya" }.map(\.id),
            pointRules: PointRules(perYearInPost: values["pointRules.perYearInPost"] ?? 0,
                                   yearsInPostCap: values["pointRules.yearsInPostCap"] ?? 0,
                                   familyReunion: values["pointRules.familyReunion"] ?? 0,
                                   health: values["pointRules.health"] ?? 0,
                                   remoteService: values["pointRules.remoteService"] ?? 0))
    }

    static func render(_ c: Campaign, agencies: [Agency], csrf: String, entered: WebForm?) -> HTML {
        let action = "/kampanye/\(c.id.lowercased)/ubah"
        let covered = Set(c.agencyIDs)
        let boxes = agencies.map { agency -> HTML in
            let field = agencyField(agency.id)
            let ticked = entered.map { $0[field] == "ya" } ?? covered.contains(agency.id)
            let mark: HTML = ticked ? " checked" : .empty
            return """
                <li><input type="checkbox" id="k-\(field)" name="\(field)" value="ya"\(mark)>
                <label for="k-\(field)">\(agency.name) (\(agency.code))</label></li>
                """
        }
        let points = rules(c.pointRules).map { name, value, max -> HTML in
            let id = "k-" + name.replacingOccurrences(of: ".", with: "-")
            return """
                <label for="\(id)">\(SettingsWording.label(name))</label><span class="hint" id="\(id)-hint">0 sampai \(max).</span>
                <input id="\(id)" name="\(name)" inputmode="numeric" aria-describedby="\(id)-hint"
                value="\(entered?[name] ?? String(value))">
                """
        }
        let deadline = entered?["batas"] ?? (c.answerDeadline.map(WebStep.field) ?? "")
        return """
            <section class="panel" id="ubah">
            <h2>Ubah kampanye (draf)</h2>
            <form method="post" action="\(action)" class="stack">
            \(WebStep.hidden(csrf: csrf, version: c.version))
            <label for="k-nama">Nama kampanye</label>
            <input id="k-nama" name="nama" required maxlength="200" value="\(entered?["nama"] ?? c.name)">
            <label for="k-dibuka">Dibuka (tanggal, atau tanggal dan jam UTC)</label>
            <input id="k-dibuka" name="dibuka" required value="\(entered?["dibuka"] ?? WebStep.field(c.opensAt))">
            <label for="k-ditutup">Ditutup</label>
            <input id="k-ditutup" name="ditutup" required value="\(entered?["ditutup"] ?? WebStep.field(c.closesAt))">
            <label for="k-batas">Batas tanggapan pegawai atas usulan (boleh kosong)</label>
            <input id="k-batas" name="batas" value="\(deadline)">
            <fieldset><legend>Poin prioritas</legend>\(points)</fieldset>
            <fieldset><legend>Cakupan instansi (tanpa centang: semua instansi)</legend>
            <ul class="agency-ticks">\(boxes)</ul></fieldset>
            <button type="submit">Simpan perubahan</button>
            </form>
            </section>
            """
    }
}
